import type { CatalogEntry } from './instrumentation-catalog.js';

export const ENV_RAGTRACE_INSTRUMENTATIONS = 'RAGTRACE_INSTRUMENTATIONS';
/** The value that enables no instrumentation while still setting up the SDK (for the stage helpers). */
export const NO_INSTRUMENTATIONS = 'none';

export interface InstrumentationSelection {
  readonly entries: readonly CatalogEntry[];
  /** Names in the variable that match no catalog entry, as written. */
  readonly unknownNames: readonly string[];
}

/**
 * Reads a `RAGTRACE_INSTRUMENTATIONS` value: unset or blank selects the whole catalog, `none`
 * selects nothing, otherwise a comma-separated list of names (any case, spaces ignored). Unknown
 * names are returned rather than thrown: a typo must not stop the app, only be reported.
 */
export function selectInstrumentations(
  value: string | undefined,
  catalog: readonly CatalogEntry[],
): InstrumentationSelection {
  const names = (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) return { entries: catalog, unknownNames: [] };
  if (names.length === 1 && names[0]!.toLowerCase() === NO_INSTRUMENTATIONS) {
    return { entries: [], unknownNames: [] };
  }
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  return {
    entries: catalog.filter((entry) => wanted.has(entry.name)),
    unknownNames: names.filter((name) => !catalog.some((entry) => entry.name === name.toLowerCase())),
  };
}

/** The start-up warning for unknown names: the variable, its value and every accepted name. */
export function describeUnknownNames(
  value: string,
  unknownNames: readonly string[],
  catalog: readonly CatalogEntry[],
): string {
  const accepted = [...catalog.map((entry) => entry.name), NO_INSTRUMENTATIONS]
    .map((name) => `'${name}'`)
    .join(', ');
  return (
    `${ENV_RAGTRACE_INSTRUMENTATIONS}='${value}': unknown ${unknownNames.length === 1 ? 'name' : 'names'} ` +
    `${unknownNames.map((name) => `'${name}'`).join(', ')} ignored; expected a comma-separated list of ` +
    `${accepted} (${NO_INSTRUMENTATIONS} alone enables no instrumentation).`
  );
}
