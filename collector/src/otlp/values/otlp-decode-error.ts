import { RagtraceError } from '../../errors/ragtrace-error.js';

/**
 * The OTLP payload cannot be decoded. Resending it unchanged would fail again, so the HTTP
 * layer answers 400, which OTLP clients do not retry.
 */
export class OtlpDecodeError extends RagtraceError {
  readonly code = 'OTLP_MALFORMED';
}
