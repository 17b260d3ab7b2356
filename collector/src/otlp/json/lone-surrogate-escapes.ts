// Matched left to right, these are the escapes that decide whether a JSON string holds a lone
// surrogate: `\\` (after which `ud800` is plain text, not an escape), a surrogate pair (whose
// halves are not lone), and a lone surrogate, high or low.
const SURROGATE_ESCAPES =
  /\\(?:\\|u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u[dD][89a-fA-F][0-9a-fA-F]{2})/g;
const MAY_HOLD_SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const LONE_SURROGATE_ESCAPE_LENGTH = '\\ud800'.length;
const REPLACEMENT_CHARACTER_ESCAPE = '\\ufffd';

/**
 * JSON text whose strings all parse to well-formed UTF-16, given well-formed text: each escape
 * of a lone surrogate (`"\ud800"`, valid JSON that JSON.parse turns into a string no UTF-8 can
 * hold, and which breaks whatever encodes it later) becomes an escape of U+FFFD, as bytes that
 * are not UTF-8 become U+FFFD when decoded. The text keeps its length, so the positions in
 * JSON.parse's error messages still point into the text as sent.
 */
export function repairLoneSurrogateEscapes(text: string): string {
  if (!MAY_HOLD_SURROGATE_ESCAPE.test(text)) return text;
  return text.replace(SURROGATE_ESCAPES, (escape) =>
    escape.length === LONE_SURROGATE_ESCAPE_LENGTH ? REPLACEMENT_CHARACTER_ESCAPE : escape,
  );
}
