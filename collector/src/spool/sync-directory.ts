import { open } from 'node:fs/promises';

/**
 * Syncs `dir` itself: a file created or renamed in it survives a crash only once the
 * directory's entry for it is on disk too, however well the file's own bytes were synced.
 */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
