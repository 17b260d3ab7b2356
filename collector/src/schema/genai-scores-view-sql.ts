import {
  ATTR_EVENT_NAME,
  ATTR_GEN_AI_EVALUATION_EXPLANATION,
  ATTR_GEN_AI_EVALUATION_NAME,
  ATTR_GEN_AI_EVALUATION_SCORE_LABEL,
  ATTR_GEN_AI_EVALUATION_SCORE_VALUE,
  ATTR_RAGTRACE_EVALUATION_SOURCE,
  ATTR_RAGTRACE_RUN_ID,
  EVALUATION_SOURCE,
  EVENT_GEN_AI_EVALUATION_RESULT,
} from '@ragtrace/semconv';
import { PROJECT_SELECT_SQL } from './project-column-sql.js';
import { addedColumnsSql } from './view-versions.js';
import { sqlStringLiteral } from '../storage/sql-text.js';

const logAttribute = (key: string) => `LogAttributes[${sqlStringLiteral(key)}]`;
const source = logAttribute(ATTR_RAGTRACE_EVALUATION_SOURCE);

/** Columns each version of the view adds after the first's: 2 (migration 0006) the project. */
const ADDED_COLUMNS = [[], [PROJECT_SELECT_SQL]] as const;

export type GenaiScoresViewVersion = 1 | 2;

/**
 * The SELECT of `genai_scores_mv`: one row per evaluation result in otel_logs, as `version` of
 * the view defines it (see view-versions.ts).
 */
export function genaiScoresViewSql(database: string, version: GenaiScoresViewVersion): string {
  // Senders from before OTLP's event_name field name the event in an `event.name` attribute.
  return `SELECT
    Timestamp,
    TraceId,
    SpanId,
    ${logAttribute(ATTR_RAGTRACE_RUN_ID)} AS RunId,
    ${logAttribute(ATTR_GEN_AI_EVALUATION_NAME)} AS Name,
    toFloat64OrNull(${logAttribute(ATTR_GEN_AI_EVALUATION_SCORE_VALUE)}) AS Value,
    ${logAttribute(ATTR_GEN_AI_EVALUATION_SCORE_LABEL)} AS Label,
    if(${source} IN (${Object.values(EVALUATION_SOURCE).map(sqlStringLiteral).join(', ')}), ${source}, '') AS Source,
    ${logAttribute(ATTR_GEN_AI_EVALUATION_EXPLANATION)} AS Explanation${addedColumnsSql(ADDED_COLUMNS, version)}
FROM ${database}.otel_logs
WHERE EventName = ${sqlStringLiteral(EVENT_GEN_AI_EVALUATION_RESULT)}
    OR (EventName = '' AND ${logAttribute(ATTR_EVENT_NAME)} = ${sqlStringLiteral(EVENT_GEN_AI_EVALUATION_RESULT)})`;
}
