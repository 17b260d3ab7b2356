import { RagtraceError } from './ragtrace-error.js';

/** A request parameter or body field was refused; the message names it and what is accepted. */
export class InvalidParameterError extends RagtraceError {
  readonly code = 'INVALID_PARAMETER';

  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`);
  }
}

/** The thing asked for does not exist. */
export class NotFoundError extends RagtraceError {
  readonly code = 'NOT_FOUND';
}
