import { repairLoneSurrogateEscapes } from './lone-surrogate-escapes.js';
import { OtlpDecodeError } from '../values/otlp-decode-error.js';

// JSON.parse rounds numbers past 2^53, yet OTLP/JSON allows int64 values (timestamps,
// intValue) as plain numbers. Such long digit runs outside strings are rare, so a quick
// test decides whether the body needs the slower pass that turns them into strings first,
// which the int64 readers accept as well.
const MAY_HOLD_LONG_INTEGER = /[:,[]\s*-?\d{16}/;
const LONG_INTEGER = /^-?[1-9]\d{15,}$/;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * JSON.parse that keeps every digit of integers too long for a number, and whose strings are
 * all well-formed (lone surrogate escapes repaired, see lone-surrogate-escapes.ts).
 */
export function parseJsonExactly(text: string): unknown {
  const wellFormed = repairLoneSurrogateEscapes(text);
  try {
    return JSON.parse(MAY_HOLD_LONG_INTEGER.test(wellFormed) ? quoteLongIntegers(wellFormed) : wellFormed);
  } catch (error) {
    throw new OtlpDecodeError(`invalid OTLP/JSON: ${(error as Error).message}`, { cause: error });
  }
}

function quoteLongIntegers(text: string): string {
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const char = text.charCodeAt(i);
    if (char === QUOTE) {
      i = endOfString(text, i) + 1;
    } else if (isNumberStart(char)) {
      let end = i + 1;
      while (end < text.length && isNumberPart(text.charCodeAt(end))) end++;
      const token = text.slice(i, end);
      if (LONG_INTEGER.test(token)) {
        parts.push(text.slice(copied, i), '"', token, '"');
        copied = end;
      }
      i = end;
    } else {
      i++;
    }
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

/** Index of the quote closing the string that opens at `start` (text.length if unclosed). */
function endOfString(text: string, start: number): number {
  let quote = text.indexOf('"', start + 1);
  while (quote !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
}

function isNumberStart(char: number): boolean {
  return char === 0x2d || (char >= 0x30 && char <= 0x39);
}

function isNumberPart(char: number): boolean {
  // digits, '+', '-', '.', 'e', 'E'
  return (
    (char >= 0x30 && char <= 0x39) ||
    char === 0x2b ||
    char === 0x2d ||
    char === 0x2e ||
    char === 0x65 ||
    char === 0x45
  );
}
