import { InvalidParameterError } from '../errors/request-errors.js';

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
