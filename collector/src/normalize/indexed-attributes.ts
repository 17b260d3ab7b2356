import type { Attributes } from './attribute-writes.js';

/** A list longer than this is read no further; no real span carries that many entries. */
const MAX_ENTRIES = 10_000;

/**
 * Reads a list that a convention flattened into `{prefix}{i}{suffix}` keys (OpenInference's
 * `retrieval.documents.0.document.id`, OpenLLMetry's `gen_ai.prompt.0.role`): one entry per
 * index, holding the value of each suffix, until an index has none of them. Probing indexes
 * costs a few lookups, where scanning every key for the pattern would cost a regex per key.
 */
export function readIndexed(
  attributes: Attributes,
  prefix: string,
  suffixes: readonly string[],
): (string | undefined)[][] {
  const entries: (string | undefined)[][] = [];
  for (let index = 0; index < MAX_ENTRIES; index++) {
    const base = prefix + index;
    let found = false;
    const values = suffixes.map((suffix) => {
      const value = attributes[base + suffix];
      if (value !== undefined) found = true;
      return value;
    });
    if (!found) break;
    entries.push(values);
  }
  return entries;
}
