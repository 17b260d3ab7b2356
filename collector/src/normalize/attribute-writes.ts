/** A span's attribute map as `otel_traces` stores it: every value a string. */
export type Attributes = Record<string, string>;

/** Pairs of `[key a convention uses, canonical key]`, applied in order: the first source found wins. */
export type KeyMapping = readonly (readonly [source: string, canonical: string])[];

/**
 * Sets a canonical key unless the span already has it: whatever the sender set is kept as sent,
 * and the first mapping to reach a key wins over later, less specific ones. Empty values carry
 * nothing and are not written.
 */
export function addMissing(attributes: Attributes, key: string, value: string | undefined): void {
  if (value === undefined || value === '' || attributes[key] !== undefined) return;
  attributes[key] = value;
}

/** Copies each present source key to its canonical key with {@link addMissing}. */
export function copyMissing(attributes: Attributes, mapping: KeyMapping): void {
  for (const [source, canonical] of mapping) addMissing(attributes, canonical, attributes[source]);
}
