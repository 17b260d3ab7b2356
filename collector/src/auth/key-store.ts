import { readFileSync, statSync, type Stats } from 'node:fs';
import { hashApiKey } from './api-key.js';
import { parseKeyFile, type KeyRecord } from './key-file.js';

/**
 * The key file as the running collector sees it. Every lookup first compares the file's
 * identity (inode, size, mtime) with what was loaded and re-reads it when any changed, so keys
 * created or revoked by `ragtrace keys` take effect on the next request without a restart.
 * A stat per request costs microseconds, and unlike fs.watch it cannot miss an event (an
 * editor's rename-over, a network file system, a watcher limit).
 *
 * A file that turns unreadable or invalid while running keeps the last good list in effect
 * until it is fixed: failing closed would lock every client out over a typo in the file,
 * and a revocation always arrives as a valid file written by `ragtrace keys revoke`.
 */
export class KeyStore {
  #byHash = new Map<string, KeyRecord>();
  #loadedVersion: string | undefined;

  /** Loads the file now, so an invalid one fails start-up instead of the first request. */
  constructor(
    readonly path: string,
    private readonly onReloadError: (error: unknown) => void = () => {},
  ) {
    this.#reloadIfChanged(true);
  }

  /** The key's record, or undefined when no key on file matches. */
  lookup(key: string): KeyRecord | undefined {
    this.#reloadIfChanged(false);
    return this.#byHash.get(hashApiKey(key));
  }

  #reloadIfChanged(throwOnError: boolean): void {
    try {
      const stats = statOrUndefined(this.path);
      const version = stats === undefined ? 'absent' : `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
      if (version === this.#loadedVersion) return;
      // Recorded first, so a broken file is reported once, not on every request.
      this.#loadedVersion = version;
      const records = stats === undefined ? [] : parseKeyFile(readFileSync(this.path, 'utf8'), this.path);
      this.#byHash = new Map(records.map((record) => [record.hash, record]));
    } catch (error) {
      if (throwOnError) throw error;
      this.onReloadError(error);
    }
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
