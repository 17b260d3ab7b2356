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
