import { RagtraceError } from '../errors/ragtrace-error.js';

/**
 * Storage cannot take the request now and the spool has no room left for it: the request is
 * refused (503 + Retry-After) rather than acknowledged and dropped.
 */
export class SpoolFullError extends RagtraceError {
  readonly code = 'SPOOL_FULL';
}

/** Writing to the spool failed (disk full, I/O error); nothing of the request was acknowledged. */
export class SpoolWriteError extends RagtraceError {
  readonly code = 'SPOOL_WRITE_FAILED';
}
