import type { ScoredDocument } from '@ragtrace/sdk';
import type { QdrantGroup, QdrantScoredPoint, ResultShape } from './internal-types.js';

function pointsOf(shape: ResultShape, result: unknown): readonly QdrantScoredPoint[] {
  switch (shape) {
    case 'points':
      return result as readonly QdrantScoredPoint[];
    case 'query':
      return (result as { points: readonly QdrantScoredPoint[] }).points;
    case 'groups':
      return (result as { groups: readonly QdrantGroup[] }).groups.flatMap((group) => group.hits ?? []);
    case 'points-batch':
      return (result as readonly (readonly QdrantScoredPoint[])[]).flat();
    case 'query-batch':
      return (result as readonly { points: readonly QdrantScoredPoint[] }[]).flatMap((entry) => entry.points);
  }
}

/**
 * The hits of one call in result order (a batch's lists one after the other, a grouped query's
 * groups one after the other). A point's payload is its content, as JSON: Qdrant has no
 * document-text field of its own.
 */
export function scoredDocuments(shape: ResultShape, result: unknown): readonly ScoredDocument[] {
  return pointsOf(shape, result).map((point) => ({
    id: String(point.id),
    score: point.score,
    content:
      point.payload === undefined || point.payload === null ? undefined : JSON.stringify(point.payload),
  }));
}
