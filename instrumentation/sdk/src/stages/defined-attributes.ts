import type { Attributes } from '@opentelemetry/api';

/** Attributes are either known or absent: entries whose value is undefined are left out. */
export function definedAttributes(entries: Attributes): Attributes {
  const attributes: Attributes = {};
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined) attributes[key] = value;
  }
  return attributes;
}
