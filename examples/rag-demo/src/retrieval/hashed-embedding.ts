import { contentTerms } from '../text/terms.js';

export const EMBEDDING_DIMENSIONS = 64;

/** FNV-1a: a fast, well-spread string hash, so each term lands in a stable bucket. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A local, deterministic embedding: hashed bag of words in 64 dimensions, L2-normalized so a dot
 * product is the cosine similarity. A second hash bit picks the sign, so colliding terms tend to
 * cancel instead of piling up.
 */
export function embedText(text: string): number[] {
  const vector = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  for (const term of contentTerms(text)) {
    const hash = fnv1a(term);
    const bucket = hash % EMBEDDING_DIMENSIONS;
    vector[bucket] = (vector[bucket] ?? 0) + ((hash >>> 16) & 1 ? 1 : -1);
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((value) => value / norm);
}
