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
import { PROJECT_COLUMN, PROJECT_SELECT_SQL } from './project-column-sql.js';
import { addedColumnsSql } from './view-versions.js';
import { spanAttributeSql as attribute, stageSql } from './span-attribute-sql.js';
import { sqlStringLiteral } from '../storage/sql-text.js';

/**
 * Columns each version of the view adds after the first's, as the outer SELECT lists them and
 * as the inner one derives them: 2 (migration 0006) the project.
 */
const ADDED_COLUMNS = [[], [PROJECT_COLUMN]] as const;
const ADDED_INNER_COLUMNS = [[], [PROJECT_SELECT_SQL]] as const;

export type GenaiRetrievedDocumentsViewVersion = 1 | 2;

/**
 * The SELECT of `genai_retrieved_documents_mv`: one row per document of a retrieve or rerank
 * span, as `version` of the view defines it (see view-versions.ts).
 */
export function genaiRetrievedDocumentsViewSql(
  database: string,
  version: GenaiRetrievedDocumentsViewVersion,
): string {
  const rerank = sqlStringLiteral(RAG_STAGE.rerank);
  // JSONExtract yields an empty array for malformed JSON and NULL for a missing score, so an
  // odd span can never fail the insert into otel_traces that this view rides on.
  const listed = (retrieveKey: string, rerankKey: string, type: string) =>
    `JSONExtract(if(Stage = ${rerank}, ${attribute(rerankKey)}, ${attribute(retrieveKey)}), ${sqlStringLiteral(type)})`;
  return `SELECT
    Timestamp, TraceId, SpanId, ServiceName, Stage, DataSourceId, RunId, ExperimentName,
    toUInt16(rank) AS Rank,
    ids[rank] AS DocumentId,
    scores[rank] AS Score${addedColumnsSql(ADDED_COLUMNS, version)}
FROM (
    SELECT
        Timestamp, TraceId, SpanId, ServiceName,
        ${stageSql()} AS Stage,
        ${attribute(ATTR_GEN_AI_DATA_SOURCE_ID)} AS DataSourceId,
        ${attribute(ATTR_RAGTRACE_RUN_ID)} AS RunId,
        ${attribute(ATTR_RAGTRACE_EXPERIMENT_NAME)} AS ExperimentName,
        ${listed(ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS, ATTR_RAGTRACE_RERANK_OUTPUT_IDS, 'Array(String)')} AS ids,
        ${listed(ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES, ATTR_RAGTRACE_RERANK_OUTPUT_SCORES, 'Array(Nullable(Float64))')} AS scores${addedColumnsSql(ADDED_INNER_COLUMNS, version, '        ')}
    FROM ${database}.otel_traces
    WHERE Stage IN (${sqlStringLiteral(RAG_STAGE.retrieve)}, ${rerank})
)
ARRAY JOIN arrayEnumerate(ids) AS rank`;
}
