import type { ScoredDocument } from '@ragtrace/sdk';
import type { LangChainDocument } from './internal-types.js';
import { asNumber } from './read-values.js';

/** Vector stores put the id on `Document.id` (0.3+) or, in older integrations, in metadata. */
function documentIdOf(document: LangChainDocument): string {
  const id = document.id ?? document.metadata?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
}

/**
 * The retrieved documents as ids, scores and text. A document without an id keeps its place as
 * an empty id, so ids, scores and the count stay parallel to what the retriever returned.
 */
export function retrievedDocumentsOf(documents: unknown): ScoredDocument[] {
  if (!Array.isArray(documents)) return [];
  return documents.map((item: unknown) => {
    const document = (item ?? {}) as LangChainDocument;
    return {
      id: documentIdOf(document),
      score: asNumber(document.metadata?.score),
      content: document.pageContent,
    };
  });
}
