import { addMissing, type Attributes } from './attribute-writes.js';
import { jsonArrayText } from './json-values.js';

/** A retrieved or reranked document as the conventions describe one: an id and a score. */
export interface ListedDocument {
  id: string | undefined;
  score: number | undefined;
}

/** The canonical keys one document list is written to (retrieval results, rerank output, …). */
export interface DocumentListKeys {
  count?: string;
  ids?: string;
  scores?: string;
}

/**
 * Writes a document list as ragtrace's parallel arrays. Ids and scores are written only when
 * every document has one: a partial array could not be lined up with the documents.
 */
export function addDocumentList(
  attributes: Attributes,
  documents: readonly ListedDocument[],
  keys: DocumentListKeys,
): void {
  if (documents.length === 0) return;
  if (keys.count !== undefined) addMissing(attributes, keys.count, String(documents.length));
  if (keys.ids !== undefined) {
    const ids = documents.map((document) => document.id);
    if (ids.every((id) => id !== undefined)) addMissing(attributes, keys.ids, jsonArrayText(ids));
  }
  if (keys.scores !== undefined) {
    const scores = documents.map((document) => document.score);
    if (scores.every((score) => score !== undefined))
      addMissing(attributes, keys.scores, jsonArrayText(scores));
  }
}
