import type { RetrieveOptions } from '@ragtrace/sdk';
import type { ChromaCollection, ChromaQueryArgs, ChromaQueryResult } from './internal-types.js';
import { scoredDocuments } from './scored-documents.js';

export const PROVIDER_NAME = 'chroma';

/** Both majors send 10 results per query when `nResults` is not given. */
const CLIENT_DEFAULT_N_RESULTS = 10;

/** One text as itself; several (one span covers them all) as a JSON array. */
function queryText(texts: string | readonly string[] | undefined): string | undefined {
  if (texts === undefined || typeof texts === 'string') return texts;
  return texts.length === 1 ? texts[0] : JSON.stringify(texts);
}

export function retrieveOptionsOf(collection: ChromaCollection, args: readonly unknown[]): RetrieveOptions {
  const request = (args[0] ?? {}) as ChromaQueryArgs;
  return {
    provider: PROVIDER_NAME,
    dataSource: collection.name || collection.id || '',
    topK: request.nResults ?? CLIENT_DEFAULT_N_RESULTS,
    query: queryText(request.queryTexts),
    extractDocuments: (result) => scoredDocuments(result as ChromaQueryResult),
  };
}
