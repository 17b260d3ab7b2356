import { compositeValueToJson } from '../otlp/values/composite-value-to-json.js';
import { formatDouble } from '../otlp/values/format-double.js';
import { repairLoneSurrogateEscapes } from '../otlp/json/lone-surrogate-escapes.js';

/**
 * Arrays and objects nested deeper than this in an attribute's JSON are left unparsed: the
 * mappings serialize parts of what they parse again, and JSON.stringify recurses (a value nested
 * 200,000 levels deep would overflow the stack). Real messages and parameters nest a few levels.
 */
const MAX_JSON_NESTING = 64;

/**
 * The value of a JSON text, or undefined when there is none, it does not parse, or it nests
 * deeper than MAX_JSON_NESTING. Its strings are well-formed, as the decoded attributes' are
 * (see lone-surrogate-escapes.ts).
 */
export function parseJson(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(repairLoneSurrogateEscapes(text));
  } catch {
    return undefined;
  }
  return nestsDeeperThan(value, MAX_JSON_NESTING) ? undefined : value;
}

/** Walks arrays and objects with a stack of its own, so no depth can overflow the call stack. */
function nestsDeeperThan(value: unknown, maxNesting: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth === maxNesting) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A scalar from parsed JSON as the attribute text OTLP would have produced for it: strings as
 * they are, finite numbers as pdata formats doubles, booleans as `true`/`false`.
 */
export function scalarText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? formatDouble(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return undefined;
  }
}

/** A number from an attribute or JSON value (numbers, or strings holding one). */
export function finiteNumber(value: unknown): number | undefined {
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
  return Number.isFinite(number) ? number : undefined;
}

/**
 * A list as the JSON array text the decoder stores for an OTLP array attribute, so a list a
 * mapping derives reads exactly like the same list sent as an array by our own SDK.
 */
export function jsonArrayText(values: readonly (string | number)[]): string | undefined {
  return values.length === 0 ? undefined : compositeValueToJson([...values]);
}

/**
 * JSON text as an attribute value: a JSON string unwrapped to its content, anything else
 * re-serialized. MLflow stores every attribute JSON-encoded, so its strings arrive quoted.
 */
export function jsonValueText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
