// Text a collector must repair rather than choke on: JavaScript strings cut inside a surrogate
// pair (what JSON.stringify sends as `\ud83d` escapes), and bytes that are not UTF-8 (what a
// protobuf string from a careless encoder, or one cut mid-character, carries).

/** Lone surrogates, a high and a low one. */
export const LONE_SURROGATES = 'cut \ud83d, cut \udc00';

/**
 * Stands for bytes that are not UTF-8 in text given to a serializer: its UTF-8 (U+10FFFF twice,
 * eight bytes no id or timestamp holds by chance) is then overwritten by `withInvalidUtf8`.
 */
export const NOT_UTF8_MARKER = '\u{10FFFF}\u{10FFFF}';

const MARKER_BYTES = Buffer.from(NOT_UTF8_MARKER);
// A stray continuation byte, a lead byte before ASCII, an encoded surrogate, a cut character:
// as many bytes as the marker's, so every length prefix around them stays right.
const NOT_UTF8 = Buffer.from([0x80, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xe2, 0x82]);

/** A serialized protobuf body with every NOT_UTF8_MARKER turned into bytes that are not UTF-8. */
export function withInvalidUtf8(body: Uint8Array): Uint8Array {
  const bytes = Buffer.from(body);
  for (let at = bytes.indexOf(MARKER_BYTES); at !== -1; at = bytes.indexOf(MARKER_BYTES, at)) {
    NOT_UTF8.copy(bytes, at);
  }
  return bytes;
}
