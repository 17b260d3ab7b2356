import { RagtraceError } from '../errors/ragtrace-error.js';

/** Too much is waiting for storage; the client should retry after `retryAfterSeconds`. */
export class BackpressureError extends RagtraceError {
  readonly code = 'BACKPRESSURE';

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** The collector is shutting down and takes no new data. */
export class ShuttingDownError extends RagtraceError {
  readonly code = 'SHUTTING_DOWN';
}

/**
 * ClickHouse refused the rows of one request (e.g. a value no column can hold). Resending the
 * same data cannot succeed, so this is a client error, not a retryable one.
 */
export class RejectedByStorageError extends RagtraceError {
  readonly code = 'REJECTED_BY_STORAGE';
}

/** One export carries more spans than a request may; resending it whole cannot succeed. */
export class TooManySpansError extends RagtraceError {
  readonly code = 'TOO_MANY_SPANS';
}
