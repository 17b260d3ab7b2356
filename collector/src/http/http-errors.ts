import { RagtraceError } from '../errors/ragtrace-error.js';

/** The body exceeds the size limit, measured after decompression. */
export class PayloadTooLargeError extends RagtraceError {
  readonly code = 'PAYLOAD_TOO_LARGE';
}

/** A Content-Type or Content-Encoding this endpoint does not speak. */
export class UnsupportedMediaTypeError extends RagtraceError {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
}

/** The request is broken below the payload format (e.g. corrupt gzip). */
export class MalformedRequestError extends RagtraceError {
  readonly code = 'MALFORMED_REQUEST';
}

/** More requests are in flight than the collector handles at once; the client should retry soon. */
export class TooManyRequestsError extends RagtraceError {
  readonly code = 'TOO_MANY_REQUESTS';
}
