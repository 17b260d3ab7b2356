import type { CorpusDocument } from '../corpus/halcyon-docs.js';
import { embedText } from './hashed-embedding.js';
import type { SearchHit } from './vector-index.js';
import { VectorIndex } from './vector-index.js';

/** The corpus, embedded once up front (offline indexing, so not traced), searchable by vector. */
export class KnowledgeBase {
  readonly name: string;
  private readonly index = new VectorIndex();
  private readonly documents = new Map<string, CorpusDocument>();

  constructor(name: string, documents: readonly CorpusDocument[]) {
    this.name = name;
    for (const document of documents) {
      this.documents.set(document.id, document);
      this.index.add(document.id, embedText(`${document.title}. ${document.text}`));
    }
  }

  search(query: readonly number[], topK: number): SearchHit[] {
    return this.index.search(query, topK);
  }

  text(id: string): string {
    return this.documents.get(id)?.text ?? '';
  }
}
