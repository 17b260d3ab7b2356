import type { Attributes } from '@opentelemetry/api';

/**
 * Attributes are either known or absent: merges `sources` into one new object, later sources
 * winning, where an undefined value leaves its key out (even one an earlier source had set).
 * A plain for…in rather than spreads and Object.entries because this runs for every span and
 * every usage/response record: it allocates only the result.
 */
export function definedAttributes(...sources: readonly (Attributes | undefined)[]): Attributes {
  const attributes: Attributes = {};
  for (const source of sources) {
    for (const key in source) {
      if (!Object.hasOwn(source, key)) continue;
      const value = source[key];
      if (value !== undefined) attributes[key] = value;
      else if (key in attributes) delete attributes[key];
    }
  }
  return attributes;
}
