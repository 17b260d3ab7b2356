import type { Context } from 'hono';
import { repairLoneSurrogateEscapes } from '../../otlp/json/lone-surrogate-escapes.js';
import { InvalidParameterError } from '../../errors/request-errors.js';

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
