import { BEARER_CHALLENGE } from '../auth/authenticate.js';
import { RagtraceError } from '../errors/ragtrace-error.js';
import type { BackpressureError } from '../ingest/ingest-errors.js';

export interface ErrorStatus {
  status: 400 | 401 | 403 | 404 | 413 | 415 | 429 | 500 | 503;
  /** Seconds for `Retry-After`, for the statuses a client should retry. */
  retryAfterSeconds?: number;
  message: string;
  /** `WWW-Authenticate` of a 401: which credentials to send. */
  challenge?: string;
}

/**
 * Seconds a client should wait when storage is unavailable (and the spool full) or the collector
 * is stopping.
 */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * Seconds a client should wait when every request slot is busy: slots free up as fast as
 * requests finish, so a short wait is enough.
 */
const BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * The one place where error codes become HTTP statuses. OTLP clients retry 429/502/503/504
 * and never retry other 4xx, so the choice here decides whether data is resent or dropped.
 */
export function errorStatus(error: unknown): ErrorStatus {
  if (!(error instanceof RagtraceError)) return { status: 500, message: 'internal error' };
  switch (error.code) {
    case 'OTLP_MALFORMED':
    case 'MALFORMED_REQUEST':
    case 'INVALID_PARAMETER':
    case 'REJECTED_BY_STORAGE':
      return { status: 400, message: error.message };
    // Neither is retried by OTLP exporters: resending with the same key cannot succeed.
    case 'UNAUTHENTICATED':
      return { status: 401, message: error.message, challenge: BEARER_CHALLENGE };
    case 'FORBIDDEN':
      return { status: 403, message: error.message };
    case 'NOT_FOUND':
      return { status: 404, message: error.message };
    case 'PAYLOAD_TOO_LARGE':
    case 'TOO_MANY_SPANS':
      return { status: 413, message: error.message };
    case 'UNSUPPORTED_MEDIA_TYPE':
      return { status: 415, message: error.message };
    case 'TOO_MANY_REQUESTS':
      return { status: 429, message: error.message, retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS };
    case 'BACKPRESSURE':
      return {
        status: 503,
        message: error.message,
        retryAfterSeconds: (error as BackpressureError).retryAfterSeconds,
      };
    case 'STORAGE_UNAVAILABLE':
    case 'SPOOL_FULL':
    case 'SPOOL_WRITE_FAILED':
    case 'SHUTTING_DOWN':
      return { status: 503, message: error.message, retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS };
    // `/clickhouse` answers engine refusals with ClickHouse's own status
    // (clickhouse/clickhouse-error-response.ts): reaching here, one is the collector's failure.
    // The other four are raised at start-up or by the CLI, never while serving a request.
    case 'CLICKHOUSE_QUERY':
    case 'INVALID_CONFIG':
    case 'KEY_FILE_INVALID':
    case 'COLLECTOR_API':
    case 'COLLECTOR_UNREACHABLE':
      return { status: 500, message: error.message };
  }
}
