import type { Storage } from '../../storage/storage.js';

/**
 * The engine's version for exception texts, asked once it is first needed. While storage
 * cannot answer, texts go without it and the next call asks again.
 */
export function engineVersionLookup(storage: Storage): () => Promise<string | undefined> {
  let version: string | undefined;
  return async () => {
    if (version === undefined) {
      try {
        const [row] = await storage.queryRows<{ version: string }>('SELECT version() AS version');
        version = row?.version;
      } catch {
        // Nothing to add: the exception being reported matters more than its version line.
      }
    }
    return version;
  };
}
