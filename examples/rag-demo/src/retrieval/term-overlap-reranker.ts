import { contentTerms } from '../text/terms.js';

export interface RerankCandidate {
  readonly id: string;
  readonly text: string;
}

export interface RankedPassage extends RerankCandidate {
  readonly score: number;
}

/**
 * A lexical reranker: the share of the query's terms a passage contains. It catches exact
 * matches (error codes, order numbers) that the hashed embedding blurs.
 */
export function rerankByTermOverlap(
  query: string,
  candidates: readonly RerankCandidate[],
  topN: number,
): RankedPassage[] {
  const queryTerms = new Set(contentTerms(query));
  return (
    candidates
      .map((candidate) => {
        const passageTerms = new Set(contentTerms(candidate.text));
        const shared = [...queryTerms].filter((term) => passageTerms.has(term)).length;
        return { ...candidate, score: queryTerms.size === 0 ? 0 : shared / queryTerms.size };
      })
      // Array sort is stable, so ties keep the retriever's order.
      .sort((left, right) => right.score - left.score)
      .slice(0, topN)
  );
}
