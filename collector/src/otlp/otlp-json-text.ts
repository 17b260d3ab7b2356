import { OtlpDecodeError } from './otlp-decode-error.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** An OTLP/JSON body as text; bytes that are not UTF-8 make the payload malformed. */
export function otlpJsonText(payload: Uint8Array): string {
  try {
    return utf8.decode(payload);
  } catch {
    throw new OtlpDecodeError('invalid OTLP/JSON: the body is not valid UTF-8');
  }
}
