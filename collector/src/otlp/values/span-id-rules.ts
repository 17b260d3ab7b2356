import type { SpanRow } from '../../storage/span-row.js';

export const TRACE_ID_BYTES = 16;
export const SPAN_ID_BYTES = 8;
export const ZERO_TRACE_ID = '0'.repeat(TRACE_ID_BYTES * 2);
export const ZERO_SPAN_ID = '0'.repeat(SPAN_ID_BYTES * 2);

/**
 * Why a decoded span's ids (lower-case hex) cannot be stored, or undefined when they can.
 * A span needs its own trace and span id, valid (not all zeros) per the W3C trace context;
 * the parent and link ids may be empty but never of another length.
 */
export function findInvalidId(row: SpanRow): string | undefined {
  return (
    requiredIdProblem('traceId', row.TraceId, TRACE_ID_BYTES, ZERO_TRACE_ID) ??
    requiredIdProblem('spanId', row.SpanId, SPAN_ID_BYTES, ZERO_SPAN_ID) ??
    optionalIdProblem('parentSpanId', row.ParentSpanId, SPAN_ID_BYTES) ??
    linkIdProblem(row)
  );
}

/** Ids that are all zeros mean "none": the exporter writes them as ''. */
export function blankZeroIds(row: SpanRow): void {
  if (row.ParentSpanId === ZERO_SPAN_ID) row.ParentSpanId = '';
  const traceIds = row['Links.TraceId'];
  const spanIds = row['Links.SpanId'];
  for (let i = 0; i < traceIds.length; i++) {
    if (traceIds[i] === ZERO_TRACE_ID) traceIds[i] = '';
    if (spanIds[i] === ZERO_SPAN_ID) spanIds[i] = '';
  }
}

function requiredIdProblem(name: string, hex: string, bytes: number, zero: string): string | undefined {
  if (hex.length !== bytes * 2) return `${name} must be ${bytes} bytes, not ${hex.length / 2}`;
  if (hex === zero) return `${name} must not be all zeros`;
  return undefined;
}

/** Why an id that may be absent cannot be stored: present, it must have exactly `bytes` bytes. */
export function optionalIdProblem(name: string, hex: string, bytes: number): string | undefined {
  if (hex.length === 0 || hex.length === bytes * 2) return undefined;
  return `${name} must be empty or ${bytes} bytes, not ${hex.length / 2}`;
}

function linkIdProblem(row: SpanRow): string | undefined {
  const traceIds = row['Links.TraceId'];
  for (let i = 0; i < traceIds.length; i++) {
    const problem =
      optionalIdProblem(`links[${i}].traceId`, traceIds[i]!, TRACE_ID_BYTES) ??
      optionalIdProblem(`links[${i}].spanId`, row['Links.SpanId'][i]!, SPAN_ID_BYTES);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
