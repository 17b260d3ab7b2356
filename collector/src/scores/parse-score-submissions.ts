import { EVALUATION_SOURCE, type EvaluationSource } from '@ragtrace/semconv';
import { describeJsonValue } from '../errors/describe-json-value.js';
import { InvalidParameterError } from '../errors/request-errors.js';
import { nanosText } from '../otlp/values/nanos-text.js';
import { unstorableTimeProblem } from '../otlp/values/time-rules.js';
import { hexIdParameter } from '../traces/hex-id-parameter.js';
import { parseRunId } from '../runs/parse-run-request.js';
import type { ScoreSubmission } from './score-submission.js';

const FIELDS = new Set([
  'name',
  'value',
  'label',
  'explanation',
  'source',
  'traceId',
  'spanId',
  'runId',
  'timestamp',
]);
const SOURCES: readonly string[] = Object.values(EVALUATION_SOURCE);
const MAX_SCORES = 1000;
const MAX_NAME_LENGTH = 256;
const MAX_LABEL_LENGTH = 256;
const MAX_EXPLANATION_LENGTH = 32 * 1024;
const TRACE_ID_HEX_DIGITS = 32;
const SPAN_ID_HEX_DIGITS = 16;

type JsonFields = { readonly [field: string]: unknown };

/**
 * The scores of a `POST /api/scores` body: one score object or an array of them. Every field
 * is checked, and the first problem is refused with an InvalidParameterError naming the field
 * (`body.value`, `body[3].traceId`). Optional fields may be absent or null.
 */
export function parseScoreSubmissions(body: unknown): ScoreSubmission[] {
  if (body === undefined)
    throw new InvalidParameterError('body', 'expected a score object or an array of them');
  if (!Array.isArray(body)) return [parseScore(body, 'body')];
  if (body.length === 0 || body.length > MAX_SCORES) {
    throw new InvalidParameterError('body', `expected 1 to ${MAX_SCORES} scores, got ${body.length}`);
  }
  return body.map((score, index) => parseScore(score, `body[${index}]`));
}

function parseScore(json: unknown, path: string): ScoreSubmission {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InvalidParameterError(path, 'expected a score object');
  }
  const fields = json as JsonFields;
  for (const field of Object.keys(fields)) {
    if (!FIELDS.has(field)) {
      throw new InvalidParameterError(
        `${path}.${field}`,
        `unknown field; a score has ${[...FIELDS].join(', ')}`,
      );
    }
  }
  const value = optionalFiniteNumber(fields, 'value', path);
  const label = optionalString(fields, 'label', path, MAX_LABEL_LENGTH);
  if (value === undefined && label === undefined) {
    throw new InvalidParameterError(`${path}.value`, 'a score needs a value, a label, or both');
  }
  const traceId = fields['traceId'];
  if (typeof traceId !== 'string') {
    throw new InvalidParameterError(`${path}.traceId`, 'required: the 32 hex digits of the scored trace');
  }
  const runId = optionalField(fields, 'runId');
  return {
    name: requiredName(fields, path),
    value,
    label,
    explanation: optionalString(fields, 'explanation', path, MAX_EXPLANATION_LENGTH),
    source: optionalSource(fields, path),
    traceId: hexIdParameter(traceId, `${path}.traceId`, TRACE_ID_HEX_DIGITS),
    spanId: optionalSpanId(fields, path),
    runId: runId === undefined ? undefined : parseRunId(runId, `${path}.runId`),
    timeNanos: optionalTimestamp(fields, path),
  };
}

/** A field's value, with null meaning absent as it does for the OTLP/JSON fields. */
function optionalField(fields: JsonFields, field: string): unknown {
  return fields[field] ?? undefined;
}

function optionalSpanId(fields: JsonFields, path: string): string | undefined {
  const value = optionalField(fields, 'spanId');
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new InvalidParameterError(
      `${path}.spanId`,
      `expected 16 hex digits, got ${describeJsonValue(value)}`,
    );
  }
  return hexIdParameter(value, `${path}.spanId`, SPAN_ID_HEX_DIGITS);
}

// RFC 3339 with an offset, fractions of a second to the nanosecond: what clients can make
// exactly repeatable when they retry.
const RFC_3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i;

function optionalTimestamp(fields: JsonFields, path: string): bigint | undefined {
  const value = optionalField(fields, 'timestamp');
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? RFC_3339.exec(value) : null;
  const seconds = match === null ? Number.NaN : Date.parse(`${match[1]}${match[3]}`);
  if (match === null || !Number.isFinite(seconds)) {
    throw new InvalidParameterError(
      `${path}.timestamp`,
      `expected an RFC 3339 time such as 2026-11-27T10:15:30.123456789Z, got ${describeJsonValue(value)}`,
    );
  }
  const nanos = BigInt(seconds) * 1_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
  const problem = nanos < 0n ? 'is before 1970' : unstorableTimeProblem('it', nanosText(nanos));
  if (problem !== undefined) throw new InvalidParameterError(`${path}.timestamp`, problem);
  return nanos;
}

function requiredName(fields: JsonFields, path: string): string {
  const name = fields['name'];
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_LENGTH) {
    throw new InvalidParameterError(
      `${path}.name`,
      `required: the evaluator's name, 1 to ${MAX_NAME_LENGTH} characters`,
    );
  }
  return name;
}

function optionalFiniteNumber(fields: JsonFields, field: string, path: string): number | undefined {
  const value = optionalField(fields, field);
  if (value === undefined) return undefined;
  // JSON.parse turns 1e400 into Infinity, which no score column can hold.
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidParameterError(
      `${path}.${field}`,
      `expected a finite number, got ${describeJsonValue(value)}`,
    );
  }
  return value;
}

function optionalString(
  fields: JsonFields,
  field: string,
  path: string,
  maxLength: number,
): string | undefined {
  const value = optionalField(fields, field);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > maxLength) {
    throw new InvalidParameterError(
      `${path}.${field}`,
      `expected a string of at most ${maxLength} characters, got ${describeJsonValue(value)}`,
    );
  }
  return value;
}

function optionalSource(fields: JsonFields, path: string): EvaluationSource | undefined {
  const value = optionalField(fields, 'source');
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !SOURCES.includes(value)) {
    throw new InvalidParameterError(
      `${path}.source`,
      `expected one of ${SOURCES.join(', ')}, got ${describeJsonValue(value)}`,
    );
  }
  return value as EvaluationSource;
}
