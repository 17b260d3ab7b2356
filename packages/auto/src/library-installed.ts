import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where the app resolves packages from: its working directory and, when there is one, the
 * directory of its main script (`process.argv[1]`), which may live elsewhere.
 */
export function appDirectories(): string[] {
  const mainScript = process.argv[1];
  return [process.cwd(), ...(mainScript === undefined ? [] : [dirname(mainScript)])];
}

/**
 * Whether `library` is installed where the app would find it. A package whose `exports` offer no
 * `require` entry (ESM-only) still counts: resolution found it, it just cannot be required.
 */
export function isLibraryInstalled(library: string, fromDirectories: readonly string[]): boolean {
  return fromDirectories.some((directory) => {
    try {
      // The file name is only an anchor for resolution; it need not exist.
      createRequire(join(directory, 'noop.js')).resolve(library);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
    }
  });
}
