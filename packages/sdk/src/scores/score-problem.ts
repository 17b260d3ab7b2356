import { EVALUATION_SOURCE } from '@ragtrace/semconv';
import type { ScoreOptions } from '../types.js';

const SOURCES: readonly string[] = Object.values(EVALUATION_SOURCE);
const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ALL_ZEROS = /^0+$/;

/** What is wrong with a score call, in words for the diag log, or undefined when nothing is. */
export function scoreProblem(options: ScoreOptions): string | undefined {
  const { name, value, label, explanation, source, span, trace } = options;
  if (typeof name !== 'string' || name.trim() === '') return 'name must be a non-empty string';
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
    return `value must be a finite number, got ${String(value)}`;
  }
  if (label !== undefined && typeof label !== 'string') return 'label must be a string';
  if (value === undefined && label === undefined) return 'a score needs a value, a label, or both';
  if (explanation !== undefined && typeof explanation !== 'string') return 'explanation must be a string';
  if (source !== undefined && !SOURCES.includes(source)) {
    return `source must be one of ${SOURCES.join(', ')}, got ${String(source)}`;
  }
  if (span !== undefined && trace !== undefined) return 'give either span or trace, not both';
  if (trace !== undefined) {
    if (!isId(trace.traceId, TRACE_ID)) return `trace.traceId must be 32 lower-case hex digits, not all zero`;
    if (trace.spanId !== undefined && !isId(trace.spanId, SPAN_ID)) {
      return 'trace.spanId must be 16 lower-case hex digits, not all zero';
    }
  }
  return undefined;
}

function isId(value: unknown, pattern: RegExp): boolean {
  return typeof value === 'string' && pattern.test(value) && !ALL_ZEROS.test(value);
}
