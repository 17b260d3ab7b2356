import { genaiRetrievedDocumentsViewSql } from './genai-retrieved-documents-view-sql.js';
import type { Migration } from './migration.js';

/**
 * One row per document a retrieve span returned or a rerank span kept, with its rank and
 * score: what "how good is retrieval, per data source" needs, typed, so dashboards never parse
 * the JSON arrays the spans carry. Filled from otel_traces like genai_spans, whichever writer
 * stored the span.
 */
export const genaiRetrievedDocumentsMigration: Migration = {
  version: 5,
  name: 'genai_retrieved_documents',
  statements: ({ database }) => [
    `CREATE TABLE IF NOT EXISTS ${database}.genai_retrieved_documents (
    Timestamp DateTime64(9) CODEC(Delta(8), ZSTD(1)),
    TraceId String CODEC(ZSTD(1)),
    SpanId String CODEC(ZSTD(1)),
    ServiceName LowCardinality(String) CODEC(ZSTD(1)),
    Stage LowCardinality(String) CODEC(ZSTD(1)),
    DataSourceId LowCardinality(String) CODEC(ZSTD(1)),
    RunId String CODEC(ZSTD(1)),
    ExperimentName LowCardinality(String) CODEC(ZSTD(1)),
    Rank UInt16 CODEC(ZSTD(1)),
    DocumentId String CODEC(ZSTD(1)),
    Score Nullable(Float64) CODEC(ZSTD(1))
) ENGINE = MergeTree
PARTITION BY toDate(Timestamp)
ORDER BY (DataSourceId, Stage, toDateTime(Timestamp))
SETTINGS index_granularity = 8192`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.genai_retrieved_documents_mv
TO ${database}.genai_retrieved_documents
AS ${genaiRetrievedDocumentsViewSql(database, 1)}`,
  ],
};
