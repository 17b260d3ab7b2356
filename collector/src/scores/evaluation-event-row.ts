import {
  ATTR_GEN_AI_EVALUATION_EXPLANATION,
  ATTR_GEN_AI_EVALUATION_NAME,
  ATTR_GEN_AI_EVALUATION_SCORE_LABEL,
  ATTR_GEN_AI_EVALUATION_SCORE_VALUE,
  ATTR_RAGTRACE_EVALUATION_SOURCE,
  ATTR_RAGTRACE_EXPERIMENT_NAME,
  ATTR_RAGTRACE_RUN_ID,
  EVENT_GEN_AI_EVALUATION_RESULT,
} from '@ragtrace/semconv';
import { attributeValueToString, nanosText, newLogRow } from '../otlp/index.js';
import type { LogRow } from '../storage/log-row.js';
import type { ScoreSubmission } from './score-submission.js';
import type { TraceRun } from './trace-run.js';

/** Instrumentation scope of the records the collector writes for scores posted as JSON. */
export const SCORES_API_SCOPE = '@ragtrace/collector';

/**
 * The `otel_logs` row for a score posted as JSON: the same `gen_ai.evaluation.result` event,
 * with the same attributes, that the SDK's `score()` sends over OTLP, so one materialized view
 * turns both into `genai_scores` rows. Values are rendered as the OTLP decoders render them.
 */
export function evaluationEventRow(
  score: ScoreSubmission,
  run: TraceRun | undefined,
  timeNanos: bigint,
): LogRow {
  const row = newLogRow();
  row.Timestamp = nanosText(timeNanos);
  row.TraceId = score.traceId;
  row.SpanId = score.spanId ?? '';
  row.ScopeName = SCORES_API_SCOPE;
  row.EventName = EVENT_GEN_AI_EVALUATION_RESULT;
  const attributes = row.LogAttributes;
  attributes[ATTR_GEN_AI_EVALUATION_NAME] = score.name;
  if (score.value !== undefined)
    attributes[ATTR_GEN_AI_EVALUATION_SCORE_VALUE] = attributeValueToString(score.value);
  if (score.label !== undefined) attributes[ATTR_GEN_AI_EVALUATION_SCORE_LABEL] = score.label;
  if (score.explanation !== undefined) attributes[ATTR_GEN_AI_EVALUATION_EXPLANATION] = score.explanation;
  if (score.source !== undefined) attributes[ATTR_RAGTRACE_EVALUATION_SOURCE] = score.source;
  const runId = score.runId ?? run?.runId;
  if (runId !== undefined) attributes[ATTR_RAGTRACE_RUN_ID] = runId;
  if (score.runId === undefined && run !== undefined && run.experimentName !== '') {
    attributes[ATTR_RAGTRACE_EXPERIMENT_NAME] = run.experimentName;
  }
  return row;
}
