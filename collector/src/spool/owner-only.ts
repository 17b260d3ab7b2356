import { chmod, mkdir, stat } from 'node:fs/promises';

/**
 * Modes of what the spool keeps: the rows of acknowledged requests (prompts, documents, user
 * ids, whatever the spans carry), so readable by the collector's user only, like keys.json.
 * Given explicitly rather than left to the umask.
 */
export const OWNER_ONLY_DIR_MODE = 0o700;
export const OWNER_ONLY_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) with OWNER_ONLY_DIR_MODE; says whether an existing one had to be narrowed. */
export async function ensureOwnerOnlyDir(dir: string): Promise<boolean> {
  await mkdir(dir, { recursive: true, mode: OWNER_ONLY_DIR_MODE });
  return narrowToOwner(dir, OWNER_ONLY_DIR_MODE);
}

/**
 * Takes away whatever `path` grants beyond `mode` (never adds to it) and says whether it did:
 * files an older release wrote, or a directory someone made by hand, may be readable by others.
 */
export async function narrowToOwner(path: string, mode: number): Promise<boolean> {
  const current = (await stat(path)).mode & 0o777;
  if ((current & ~mode) === 0) return false;
  await chmod(path, current & mode);
  return true;
}
