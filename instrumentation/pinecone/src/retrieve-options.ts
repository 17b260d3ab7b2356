import type { RetrieveOptions } from '@ragtrace/sdk';
import { dataSourceOf } from './data-source.js';
import type {
  DescribeCall,
  PineconeIndex,
  PineconeQueryArgs,
  PineconeQueryResponse,
  PineconeSearchRecordsArgs,
  PineconeSearchRecordsResponse,
} from './internal-types.js';
import { hitDocuments, matchDocuments } from './scored-documents.js';

export const PROVIDER_NAME = 'pinecone';

/** `index.query(...)`: a vector (or record id) query; it has no text. */
function queryOptions(index: PineconeIndex, args: readonly unknown[]): RetrieveOptions {
  const request = (args[0] ?? {}) as PineconeQueryArgs;
  return {
    provider: PROVIDER_NAME,
    dataSource: dataSourceOf(index.target ?? {}, request.namespace),
    topK: request.topK,
    extractDocuments: (result) => matchDocuments(result as PineconeQueryResponse),
  };
}

/** `index.searchRecords(...)`: the index embeds `query.inputs.text` itself, so the query has text. */
function searchRecordsOptions(index: PineconeIndex, args: readonly unknown[]): RetrieveOptions {
  const request = (args[0] ?? {}) as PineconeSearchRecordsArgs;
  const text = request.query?.inputs?.text;
  return {
    provider: PROVIDER_NAME,
    dataSource: dataSourceOf(index.target ?? {}, request.namespace),
    topK: request.query?.topK,
    query: typeof text === 'string' ? text : undefined,
    extractDocuments: (result) => hitDocuments(result as PineconeSearchRecordsResponse),
  };
}

/**
 * The `Index` methods recorded, each with how its call is described. `searchRecords` exists from
 * client 5 on; a method a version lacks is skipped. fetch, list and the writes are left alone.
 */
export const RETRIEVE_METHODS: Readonly<Record<string, DescribeCall>> = {
  query: queryOptions,
  searchRecords: searchRecordsOptions,
};
