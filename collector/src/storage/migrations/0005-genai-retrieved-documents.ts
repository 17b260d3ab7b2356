import {
  ATTR_GEN_AI_DATA_SOURCE_ID,
  ATTR_RAGTRACE_EXPERIMENT_NAME,
  ATTR_RAGTRACE_RERANK_OUTPUT_IDS,
  ATTR_RAGTRACE_RERANK_OUTPUT_SCORES,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES,
  ATTR_RAGTRACE_RUN_ID,
  RAG_STAGE,
} from '@ragtrace/semconv';
import type { Migration } from './migration.js';
import { spanAttributeSql as attribute, stageSql } from './span-attribute-sql.js';
import { sqlStringLiteral } from './sql-string-literal.js';

/**
 * One row per document a retrieve span returned or a rerank span kept, with its rank and
 * score: what "how good is retrieval, per data source" needs, typed, so dashboards never parse
 * the JSON arrays the spans carry. Filled from otel_traces like genai_spans, whichever writer
 * stored the span.
 */
export const genaiRetrievedDocumentsMigration: Migration = {
  version: 5,
  name: 'genai_retrieved_documents',
  statements: ({ database }) => {
    const rerank = sqlStringLiteral(RAG_STAGE.rerank);
    // JSONExtract yields an empty array for malformed JSON and NULL for a missing score, so an
    // odd span can never fail the insert into otel_traces that this view rides on.
    const listed = (retrieveKey: string, rerankKey: string, type: string) =>
      `JSONExtract(if(Stage = ${rerank}, ${attribute(rerankKey)}, ${attribute(retrieveKey)}), ${sqlStringLiteral(type)})`;
    return [
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
AS SELECT
    Timestamp, TraceId, SpanId, ServiceName, Stage, DataSourceId, RunId, ExperimentName,
    toUInt16(rank) AS Rank,
    ids[rank] AS DocumentId,
    scores[rank] AS Score
FROM (
    SELECT
        Timestamp, TraceId, SpanId, ServiceName,
        ${stageSql()} AS Stage,
        ${attribute(ATTR_GEN_AI_DATA_SOURCE_ID)} AS DataSourceId,
        ${attribute(ATTR_RAGTRACE_RUN_ID)} AS RunId,
        ${attribute(ATTR_RAGTRACE_EXPERIMENT_NAME)} AS ExperimentName,
        ${listed(ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS, ATTR_RAGTRACE_RERANK_OUTPUT_IDS, 'Array(String)')} AS ids,
        ${listed(ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES, ATTR_RAGTRACE_RERANK_OUTPUT_SCORES, 'Array(Nullable(Float64))')} AS scores
    FROM ${database}.otel_traces
    WHERE Stage IN (${sqlStringLiteral(RAG_STAGE.retrieve)}, ${rerank})
)
ARRAY JOIN arrayEnumerate(ids) AS rank`,
    ];
  },
};
