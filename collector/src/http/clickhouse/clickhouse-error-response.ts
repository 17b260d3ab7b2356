import type { Context } from 'hono';
import type { ErrorCode } from '../../errors/error-code.js';
import { RagtraceError } from '../../errors/ragtrace-error.js';
import { ClickHouseQueryError } from '../../storage/storage-errors.js';
import { errorStatus } from '../error-status.js';
import { CLICKHOUSE_ERROR_CODES, type ClickHouseErrorName } from './clickhouse-error-codes.js';
import { formatClickHouseException, type ClickHouseException } from './clickhouse-exception-text.js';
import { httpStatusForException } from './http-status-for-exception.js';

/** ClickHouse's names for the collector's own errors, so ClickHouse clients read them like any other. */
const EXCEPTION_FOR_COLLECTOR_ERROR: Readonly<Partial<Record<ErrorCode, ClickHouseErrorName>>> = {
  STORAGE_UNAVAILABLE: 'NETWORK_ERROR',
  PAYLOAD_TOO_LARGE: 'QUERY_IS_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  MALFORMED_REQUEST: 'INCORRECT_DATA',
  UNAUTHENTICATED: 'AUTHENTICATION_FAILED',
  FORBIDDEN: 'ACCESS_DENIED',
  TOO_MANY_REQUESTS: 'TOO_MANY_SIMULTANEOUS_QUERIES',
};

/**
 * An error as ClickHouse's HTTP interface reports one: a status chosen from the exception,
 * `X-ClickHouse-Exception-Code`, and the exception's text as the body. The engine's refusals
 * keep ClickHouse's own status; the collector's errors keep the status the rest of its HTTP
 * surface gives them (storage unavailable stays a retryable 503).
 */
export function clickHouseErrorResponse(
  c: Context,
  error: unknown,
  engineVersion: string | undefined,
): Response {
  let status: number;
  let exception: ClickHouseException;
  const headers = new Headers({ 'Content-Type': 'text/plain; charset=UTF-8' });
  if (error instanceof ClickHouseQueryError) {
    status = httpStatusForException(error.clickhouseType);
    exception = { code: error.clickhouseCode, type: error.clickhouseType, message: error.message };
  } else {
    const collectorStatus = errorStatus(error);
    const name =
      (error instanceof RagtraceError ? EXCEPTION_FOR_COLLECTOR_ERROR[error.code] : undefined) ??
      'UNKNOWN_EXCEPTION';
    status = collectorStatus.status;
    exception = { code: CLICKHOUSE_ERROR_CODES[name], type: name, message: collectorStatus.message };
    if (collectorStatus.retryAfterSeconds !== undefined) {
      headers.set('Retry-After', String(collectorStatus.retryAfterSeconds));
    }
    if (collectorStatus.challenge !== undefined) headers.set('WWW-Authenticate', collectorStatus.challenge);
  }
  headers.set('X-ClickHouse-Exception-Code', String(exception.code));
  // Through the context, so the headers middleware set before the error (X-Request-Id) stay.
  for (const [name, value] of headers) c.header(name, value);
  return c.body(`${formatClickHouseException({ ...exception, version: engineVersion })}\n`, status as 500);
}
