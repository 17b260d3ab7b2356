import type { ScoredDocument } from '@ragtrace/sdk';
import type { ChromaQueryResult } from './internal-types.js';

/**
 * The hits of one call in result order (one query's list after the other). Chroma returns
 * distances, where lower is closer; they are recorded as the scores unchanged, since turning
 * them into similarities depends on the collection's metric.
 */
export function scoredDocuments(result: ChromaQueryResult): readonly ScoredDocument[] {
  return (result.ids ?? []).flatMap((ids, query) =>
    ids.map((id, rank) => ({
      id,
      score: result.distances?.[query]?.[rank] ?? undefined,
      content: result.documents?.[query]?.[rank] ?? undefined,
    })),
  );
}
