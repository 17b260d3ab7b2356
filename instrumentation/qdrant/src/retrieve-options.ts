import type { RetrieveOptions } from '@ragtrace/sdk';
import type { QdrantQueryArgs, QueryMethodSpec } from './internal-types.js';
import { joinedQueryText, queryTextOf } from './query-text.js';
import { scoredDocuments } from './scored-documents.js';

export const PROVIDER_NAME = 'qdrant';

/** A batch has one top-k only when all its queries ask for the same limit. */
function batchLimit(searches: readonly QdrantQueryArgs[]): number | undefined {
  const limits = new Set(searches.map((search) => search.limit));
  return limits.size === 1 ? [...limits][0] : undefined;
}

/** How many hits the call asks for; a grouped query's limit counts groups, not hits. */
function topKOf(spec: QueryMethodSpec, request: QdrantQueryArgs): number | undefined {
  switch (spec.shape) {
    case 'groups':
      return undefined;
    case 'points-batch':
    case 'query-batch':
      return batchLimit(request.searches ?? []);
    default:
      return request.limit ?? spec.clientDefaultLimit;
  }
}

/** `collection_name` and the method's arguments object, as every query method takes them. */
export function retrieveOptionsOf(spec: QueryMethodSpec, args: readonly unknown[]): RetrieveOptions {
  const [collection] = args;
  const request = (args[1] ?? {}) as QdrantQueryArgs;
  const queries =
    spec.shape === 'points-batch' || spec.shape === 'query-batch' ? (request.searches ?? []) : [request];
  return {
    provider: PROVIDER_NAME,
    dataSource: String(collection),
    topK: topKOf(spec, request),
    query: joinedQueryText(queries.map((query) => queryTextOf(query.query))),
    extractDocuments: (result) => scoredDocuments(spec.shape, result),
  };
}
