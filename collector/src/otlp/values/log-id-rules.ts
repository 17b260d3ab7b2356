import type { LogRow } from '../../storage/log-row.js';
import {
  optionalIdProblem,
  SPAN_ID_BYTES,
  TRACE_ID_BYTES,
  ZERO_SPAN_ID,
  ZERO_TRACE_ID,
} from './span-id-rules.js';
import { unstorableTimeProblem } from './time-rules.js';

/**
 * Why a decoded log record's ids (lower-case hex) or time cannot be stored, or undefined when they can.
 * Trace context is optional on a log record, but an id that is present needs its exact length.
 */
export function findInvalidLogId(row: LogRow): string | undefined {
  return (
    optionalIdProblem('traceId', row.TraceId, TRACE_ID_BYTES) ??
    optionalIdProblem('spanId', row.SpanId, SPAN_ID_BYTES) ??
    unstorableTimeProblem('timeUnixNano', row.Timestamp)
  );
}

/** Ids that are all zeros mean "no trace context": the exporter writes them as ''. */
export function blankZeroLogIds(row: LogRow): void {
  if (row.TraceId === ZERO_TRACE_ID) row.TraceId = '';
  if (row.SpanId === ZERO_SPAN_ID) row.SpanId = '';
}
