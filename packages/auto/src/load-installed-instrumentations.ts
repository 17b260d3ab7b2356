import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { CatalogEntry } from './instrumentation-catalog.js';
import { isLibraryInstalled } from './library-installed.js';
import { loadInstrumentation } from './load-instrumentation.js';
import type { ModuleLoader } from './load-instrumentation.js';

/**
 * Constructs the instrumentation of every entry whose library resolves from one of the app's
 * directories, skipping the rest: an app without `chromadb` gets no chromadb hook to run on each
 * module load. Entries whose package fails to load are reported and skipped.
 * @returns the instrumentations, by catalog name.
 */
export function loadInstalledInstrumentations(
  entries: readonly CatalogEntry[],
  appDirectories: readonly string[],
  load?: ModuleLoader,
): Map<string, Instrumentation> {
  const loaded = new Map<string, Instrumentation>();
  for (const entry of entries) {
    if (!isLibraryInstalled(entry.library, appDirectories)) continue;
    const instrumentation = loadInstrumentation(entry, load);
    if (instrumentation !== undefined) loaded.set(entry.name, instrumentation);
  }
  return loaded;
}
