import type { Context } from 'hono';
import { repairLoneSurrogateEscapes } from '../../otlp/lone-surrogate-escapes.js';
import { InvalidParameterError } from './api-errors.js';

/** An integer query parameter within bounds, or its default when absent. */
export function integerParameter(
  raw: string | undefined,
  name: string,
  bounds: { min: number; max: number; default: number },
): number {
  if (raw === undefined) return bounds.default;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < bounds.min || value > bounds.max) {
    throw new InvalidParameterError(
      name,
      `expected an integer from ${bounds.min} to ${bounds.max}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

/** A lower-case hex id of exactly `length` characters (upper case is accepted and folded). */
export function hexIdParameter(raw: string, name: string, length: number): string {
  if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(raw) || /^0+$/.test(raw)) {
    throw new InvalidParameterError(
      name,
      `expected ${length} hex digits (not all zero), got ${JSON.stringify(raw.slice(0, 80))}`,
    );
  }
  return raw.toLowerCase();
}

/**
 * The request body parsed as JSON; undefined for an empty body. Its strings are well-formed (lone
 * surrogate escapes and bytes that are not UTF-8 become U+FFFD), as OTLP's are.
 */
export async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(repairLoneSurrogateEscapes(text)) as unknown;
  } catch (error) {
    throw new InvalidParameterError('body', `not valid JSON (${(error as Error).message})`);
  }
}
