export interface SearchHit {
  readonly id: string;
  readonly score: number;
}

interface IndexedVector {
  readonly id: string;
  readonly vector: readonly number[];
}

function dot(left: readonly number[], right: readonly number[]): number {
  return left.reduce((sum, value, index) => sum + value * (right[index] ?? 0), 0);
}

/** In-memory exact search over L2-normalized vectors, where the dot product is the cosine. */
export class VectorIndex {
  private readonly entries: IndexedVector[] = [];

  add(id: string, vector: readonly number[]): void {
    this.entries.push({ id, vector });
  }

  search(query: readonly number[], topK: number): SearchHit[] {
    return this.entries
      .map((entry) => ({ id: entry.id, score: dot(query, entry.vector) }))
      .sort((left, right) => right.score - left.score || left.id.localeCompare(right.id))
      .slice(0, topK);
  }
}
