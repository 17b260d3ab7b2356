import type { AttributeValue, KeyValueList } from './attribute-value.js';
import { bytesToBase64 } from './bytes-to-base64.js';
import { formatDouble } from './format-double.js';

/**
 * JSON for an array or kvlist value, byte for byte what pdata produces with Go's
 * encoding/json: kvlist keys sorted by code point, no HTML escaping, ints exact, bytes as
 * base64 strings, empty bytes and empty values as null. Undefined when Go's encoder fails,
 * which it does for NaN and infinities.
 */
export function compositeValueToJson(value: AttributeValue[] | KeyValueList): string | undefined {
  return valueToJson(value);
}

function valueToJson(value: AttributeValue): string | undefined {
  switch (typeof value) {
    case 'string':
      return stringToJson(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? formatDouble(value) : undefined;
    case 'bigint':
      return value.toString();
  }
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return value.length === 0 ? 'null' : `"${bytesToBase64(value)}"`;
  if (Array.isArray(value)) return arrayToJson(value);
  return keyValueListToJson(value);
}

function arrayToJson(values: AttributeValue[]): string | undefined {
  const parts: string[] = [];
  for (const item of values) {
    const json = valueToJson(item);
    if (json === undefined) return undefined;
    parts.push(json);
  }
  return `[${parts.join(',')}]`;
}

function keyValueListToJson(list: KeyValueList): string | undefined {
  const parts: string[] = [];
  for (const key of [...list.keys()].sort(compareCodePoints)) {
    const json = valueToJson(list.get(key)!);
    if (json === undefined) return undefined;
    parts.push(`${stringToJson(key)}:${json}`);
  }
  return `{${parts.join(',')}}`;
}

const LINE_OR_PARAGRAPH_SEPARATOR = /[\u2028\u2029]/g;

// JSON.stringify escapes exactly what Go does, except the two separators Go always escapes.
function stringToJson(text: string): string {
  return JSON.stringify(text).replace(
    LINE_OR_PARAGRAPH_SEPARATOR,
    (separator) => `\\u${separator.charCodeAt(0).toString(16)}`,
  );
}

// Go sorts keys as UTF-8 bytes, which is code point order; `<` on JavaScript strings compares
// UTF-16 units and would put astral characters before U+E000–U+FFFF.
function compareCodePoints(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length) {
    const difference = a.codePointAt(i)! - b.codePointAt(i)!;
    if (difference !== 0) return difference;
    i += a.codePointAt(i)! > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}
