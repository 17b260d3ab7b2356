import type { ScoredDocument } from '@ragtrace/sdk';
import type { PineconeQueryResponse, PineconeSearchRecordsResponse } from './internal-types.js';

function asContent(value: Record<string, unknown> | null | undefined): string | undefined {
  return value === undefined || value === null ? undefined : JSON.stringify(value);
}

/** `query`'s matches in rank order; a match's metadata, as JSON, is its content. */
export function matchDocuments(response: PineconeQueryResponse): readonly ScoredDocument[] {
  return (response.matches ?? []).map((match) => ({
    id: String(match.id),
    score: match.score,
    content: asContent(match.metadata),
  }));
}

/** `searchRecords`' hits in rank order; a hit's fields, as JSON, are its content. */
export function hitDocuments(response: PineconeSearchRecordsResponse): readonly ScoredDocument[] {
  return (response.result?.hits ?? []).map((hit) => ({
    id: String(hit._id),
    score: hit._score,
    content: asContent(hit.fields),
  }));
}
