import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generateApiKey, hashApiKey, newKeyId } from './api-key.js';
import { KeyFileError } from './auth-errors.js';
import { isKeyRight, type KeyRight } from './key-rights.js';
import { isProjectName } from './project-name.js';

/** One key as the key file stores it: never the key itself, only its hash. */
export interface KeyRecord {
  id: string;
  project: string;
  /** SHA-256 of the key, hex (see api-key.ts for why a fast hash is enough). */
  hash: string;
  /** ISO 8601. */
  createdAt: string;
  rights: KeyRight[];
}

/** File name of the key file inside the data dir when RAGTRACE_KEYS_FILE is unset. */
export const DEFAULT_KEYS_FILE_NAME = 'keys.json';

interface KeyFileContent {
  keys: KeyRecord[];
}

/** The keys on file; none when the file does not exist yet. */
export async function readKeyFile(path: string): Promise<KeyRecord[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseKeyFile(text, path);
}

export function parseKeyFile(text: string, path: string): KeyRecord[] {
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (error) {
    throw new KeyFileError(`${path} is not valid JSON`, { cause: error });
  }
  const keys = (content as Partial<KeyFileContent> | null)?.keys;
  if (!Array.isArray(keys) || !keys.every(isKeyRecord)) {
    throw new KeyFileError(
      `${path} must hold {"keys": [{"id", "project", "hash", "createdAt", "rights"}, …]}`,
    );
  }
  return keys;
}

function isKeyRecord(value: unknown): value is KeyRecord {
  const record = value as Partial<KeyRecord> | null;
  return (
    typeof record?.id === 'string' &&
    typeof record.project === 'string' &&
    isProjectName(record.project) &&
    typeof record.hash === 'string' &&
    /^[0-9a-f]{64}$/.test(record.hash) &&
    typeof record.createdAt === 'string' &&
    Array.isArray(record.rights) &&
    record.rights.every((right) => typeof right === 'string' && isKeyRight(right))
  );
}

/**
 * Replaces the file in one rename, so a collector reading it concurrently sees the old or the
 * new list, never half of one. Readable by its owner only: hashes are no secret, but the
 * list of projects and key ids is nobody else's business.
 */
async function writeKeyFile(path: string, keys: readonly KeyRecord[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}

export interface CreatedKey {
  record: KeyRecord;
  /** The key itself: shown to the user once, stored nowhere. */
  key: string;
}

export async function createKey(
  path: string,
  project: string,
  rights: readonly KeyRight[],
): Promise<CreatedKey> {
  const key = generateApiKey();
  const record: KeyRecord = {
    id: newKeyId(),
    project,
    hash: hashApiKey(key),
    createdAt: new Date().toISOString(),
    rights: [...rights],
  };
  await writeKeyFile(path, [...(await readKeyFile(path)), record]);
  return { record, key };
}

/** Removes the key; resolves to false when no key has that id. */
export async function revokeKey(path: string, id: string): Promise<boolean> {
  const keys = await readKeyFile(path);
  const kept = keys.filter((record) => record.id !== id);
  if (kept.length === keys.length) return false;
  await writeKeyFile(path, kept);
  return true;
}
