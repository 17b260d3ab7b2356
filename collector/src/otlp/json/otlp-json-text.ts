// Not fatal: bytes that are not UTF-8 become U+FFFD, as in protobuf strings (see
// interning-utf8-decoder.ts), so a span stores the same text whichever encoding carried it.
const utf8 = new TextDecoder('utf-8');

/**
 * An OTLP/JSON body as text. Bytes that are not UTF-8 become U+FFFD: inside a string they
 * spoil that string only, and anywhere else JSON.parse refuses the body.
 */
export function otlpJsonText(payload: Uint8Array): string {
  return utf8.decode(payload);
}
