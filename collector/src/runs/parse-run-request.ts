import { describeJsonValue } from '../errors/describe-json-value.js';
import { InvalidParameterError } from '../errors/request-errors.js';
import {
  RUN_END_STATUSES,
  RUN_STATUSES,
  type RunDataset,
  type RunEndStatus,
  type RunRecord,
} from './run-record.js';

/**
 * Run ids end up in URL paths (`/api/runs/:id`) and CLI arguments, so they are restricted to
 * characters that need no escaping there; UUIDs, ULIDs and MLflow's hex ids all fit.
 */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const MAX_NAME_LENGTH = 256;
const MAX_ENTRIES = 1000;
// MLflow's limits for param keys and values and for tag values: what users of it already fit.
const MAX_KEY_LENGTH = 250;
const MAX_PARAM_VALUE_LENGTH = 6000;
const MAX_TAG_VALUE_LENGTH = 8000;
const MAX_GIT_COMMIT_LENGTH = 128;
// DateTime64(3) covers 1900–2299; earlier than the epoch or past 2200 is a unit mistake.
const LATEST_TIME_MS = Date.UTC(2200, 0, 1);

type JsonObject = Record<string, unknown>;

/** The run id of a path or body, or InvalidParameterError naming `parameter`. */
export function parseRunId(value: unknown, parameter: string): string {
  if (typeof value !== 'string' || !RUN_ID_PATTERN.test(value)) {
    throw new InvalidParameterError(
      parameter,
      `expected a run id of 1 to 128 letters, digits, '.', '_', ':' or '-', got ${describeJsonValue(value)}`,
    );
  }
  return value;
}

/**
 * The body of `POST /api/runs`: a whole run record. Only id and experiment are required; a run
 * starts `running` at `now` unless the body says otherwise (a tool may record a finished run).
 */
export function parseRunStart(body: unknown, now: Date): RunRecord {
  const object = asObject(body, 'body');
  const status = optionalEnum(object, 'status', RUN_STATUSES) ?? 'running';
  const endTime = optionalTime(object, 'endTime');
  if (status === 'running' && endTime !== undefined) {
    throw new InvalidParameterError('body.endTime', `a running run has no end time; set status too`);
  }
  return {
    id: parseRunId(object['id'], 'body.id'),
    experiment: requiredString(object, 'experiment', MAX_NAME_LENGTH),
    name: optionalString(object, 'name', MAX_NAME_LENGTH) ?? '',
    params: stringMap(object, 'params', MAX_PARAM_VALUE_LENGTH),
    tags: stringMap(object, 'tags', MAX_TAG_VALUE_LENGTH),
    dataset: dataset(object),
    gitCommit: optionalString(object, 'gitCommit', MAX_GIT_COMMIT_LENGTH) ?? '',
    serviceName: optionalString(object, 'serviceName', MAX_NAME_LENGTH) ?? '',
    startTime: optionalTime(object, 'startTime') ?? now.toISOString(),
    endTime: endTime ?? (status === 'running' ? null : now.toISOString()),
    status,
  };
}

export interface RunEnd {
  status: RunEndStatus;
  endTime: string;
}

/** The body of `POST /api/runs/:id/end`; an empty body means finished now. */
export function parseRunEnd(body: unknown, now: Date): RunEnd {
  const object = body === undefined ? {} : asObject(body, 'body');
  return {
    status: optionalEnum(object, 'status', RUN_END_STATUSES) ?? 'finished',
    endTime: optionalTime(object, 'endTime') ?? now.toISOString(),
  };
}

function asObject(value: unknown, parameter: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidParameterError(parameter, `expected a JSON object, got ${describeJsonValue(value)}`);
  }
  return value as JsonObject;
}

function requiredString(object: JsonObject, field: string, maxLength: number): string {
  const value = optionalString(object, field, maxLength);
  if (value === undefined || value.trim() === '') {
    throw new InvalidParameterError(`body.${field}`, 'required, a non-empty string');
  }
  return value;
}

function optionalString(object: JsonObject, field: string, maxLength: number): string | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  return boundedString(value, `body.${field}`, maxLength);
}

function boundedString(value: unknown, parameter: string, maxLength: number): string {
  if (typeof value !== 'string') {
    throw new InvalidParameterError(parameter, `expected a string, got ${describeJsonValue(value)}`);
  }
  if (value.length > maxLength) {
    throw new InvalidParameterError(parameter, `longer than ${maxLength} characters`);
  }
  return value;
}

function optionalEnum<T extends string>(
  object: JsonObject,
  field: string,
  accepted: readonly T[],
): T | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(accepted as readonly string[]).includes(value)) {
    throw new InvalidParameterError(
      `body.${field}`,
      `expected one of ${accepted.map((v) => `'${v}'`).join(', ')}, got ${describeJsonValue(value)}`,
    );
  }
  return value as T;
}

/** ISO-8601 text or milliseconds since the epoch, returned as ISO-8601. */
function optionalTime(object: JsonObject, field: string): string | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms) || ms < 0 || ms >= LATEST_TIME_MS) {
    throw new InvalidParameterError(
      `body.${field}`,
      `expected an ISO-8601 time or milliseconds since 1970 (before 2200), got ${describeJsonValue(value)}`,
    );
  }
  return new Date(ms).toISOString();
}

/** Params and tags: string values; numbers and booleans are accepted and kept as their text. */
function stringMap(object: JsonObject, field: string, maxValueLength: number): Record<string, string> {
  const value = object[field];
  if (value === undefined || value === null) return {};
  const entries = Object.entries(asObject(value, `body.${field}`));
  if (entries.length > MAX_ENTRIES) {
    throw new InvalidParameterError(`body.${field}`, `more than ${MAX_ENTRIES} entries`);
  }
  const result: Record<string, string> = {};
  for (const [key, entry] of entries) {
    const parameter = `body.${field}.${key}`;
    if (key === '' || key.length > MAX_KEY_LENGTH) {
      throw new InvalidParameterError(parameter, `keys are 1 to ${MAX_KEY_LENGTH} characters`);
    }
    const text = typeof entry === 'number' || typeof entry === 'boolean' ? String(entry) : entry;
    result[key] = boundedString(text, parameter, maxValueLength);
  }
  return result;
}

function dataset(object: JsonObject): RunDataset | null {
  const value = object['dataset'];
  if (value === undefined || value === null) return null;
  const fields = asObject(value, 'body.dataset');
  const name = fields['name'];
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_LENGTH) {
    throw new InvalidParameterError(
      'body.dataset.name',
      `required, a non-empty string of at most ${MAX_NAME_LENGTH} characters`,
    );
  }
  const version = fields['version'];
  return {
    name,
    version:
      version === undefined || version === null
        ? ''
        : boundedString(version, 'body.dataset.version', MAX_NAME_LENGTH),
  };
}
