/**
 * The fixed collection every vector-store mock serves. A query's hits are always its first
 * `limit` entries in this order, so tests can predict ids, scores and text without a real index.
 */
export interface MockVectorRecord {
  /** The record's id as the string-keyed stores (Chroma, Pinecone) return it. */
  readonly id: string;
  /** Qdrant point ids are unsigned integers (or UUIDs); the Qdrant mock returns these. */
  readonly pointId: number;
  readonly text: string;
  readonly source: string;
  /** Similarity, higher is closer (Qdrant and Pinecone scores). */
  readonly score: number;
  /** Distance, lower is closer (what Chroma returns). */
  readonly distance: number;
}

export const MOCK_VECTOR_RECORDS: readonly MockVectorRecord[] = [
  {
    id: 'doc-1',
    pointId: 101,
    text: 'ragtrace stores spans in ClickHouse',
    source: 'guide',
    score: 0.92,
    distance: 0.08,
  },
  {
    id: 'doc-2',
    pointId: 102,
    text: 'each RAG stage becomes one span',
    source: 'guide',
    score: 0.81,
    distance: 0.19,
  },
  {
    id: 'doc-3',
    pointId: 103,
    text: 'content capture is off by default',
    source: 'faq',
    score: 0.74,
    distance: 0.26,
  },
  {
    id: 'doc-4',
    pointId: 104,
    text: 'the collector speaks OTLP over HTTP',
    source: 'faq',
    score: 0.63,
    distance: 0.37,
  },
  {
    id: 'doc-5',
    pointId: 105,
    text: 'dashboards read the genai tables',
    source: 'ops',
    score: 0.55,
    distance: 0.45,
  },
];

/** The best `limit` records (all of them when the limit is missing or larger). */
export function topRecords(limit: number | undefined): readonly MockVectorRecord[] {
  return limit === undefined ? MOCK_VECTOR_RECORDS : MOCK_VECTOR_RECORDS.slice(0, Math.max(0, limit));
}
