import { RagtraceError } from '../errors/ragtrace-error.js';

/** No API key came with the request, or none like it is on file (revoked, mistyped): 401. */
export class UnauthenticatedError extends RagtraceError {
  readonly code = 'UNAUTHENTICATED';
}

/** The key is valid but lacks the right this request needs: 403. */
export class ForbiddenError extends RagtraceError {
  readonly code = 'FORBIDDEN';
}

/** The key file exists but cannot be read as one; the message names the file. */
export class KeyFileError extends RagtraceError {
  readonly code = 'KEY_FILE_INVALID';
}
