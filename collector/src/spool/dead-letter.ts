import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { OWNER_ONLY_DIR_MODE, OWNER_ONLY_FILE_MODE } from './owner-only.js';
import type { SpoolRecord } from './spool-record.js';
import { syncDirectory } from './sync-directory.js';

/**
 * Why a spooled record was quarantined: storage refused its data (`rejected`), or storing it
 * failed, for a reason of its own rather than an outage, as many times as it may (`failed`).
 */
export type QuarantineReason = 'rejected' | 'failed';

export interface DeadLetter {
  record: SpoolRecord;
  reason: QuarantineReason;
  /** The last failure, described (describeError). */
  error: string;
  attempts: number;
  quarantinedAt: Date;
}

/** Bumped when the file's fields change meaning, so tools can tell the versions apart. */
const DEAD_LETTER_VERSION = 1;

/**
 * Writes a quarantined record to a file of its own in `dir`, whole and synced before it
 * resolves (the record's segment may be deleted right after), and resolves with its path. One
 * JSON object: what happened, then the rows as the table takes them (JSONEachRow), so a user
 * can read it, and re-send it once the cause is fixed (README, "Delivery guarantees").
 */
export async function writeDeadLetter(dir: string, letter: DeadLetter): Promise<string> {
  // Inside the spool directory, which is owner-only already; made so itself for when it is not.
  await mkdir(dir, { recursive: true, mode: OWNER_ONLY_DIR_MODE });
  const { record } = letter;
  const stamp = letter.quarantinedAt.toISOString().replace(/[-:]/g, '');
  const name = `${stamp}-${record.table}-${randomBytes(4).toString('hex')}.json`;
  const path = join(dir, name);
  const temporary = `${path}.tmp`;
  const content = JSON.stringify({
    version: DEAD_LETTER_VERSION,
    quarantinedAt: letter.quarantinedAt.toISOString(),
    reason: letter.reason,
    error: letter.error,
    attempts: letter.attempts,
    requestId: record.requestId ?? null,
    table: record.table,
    spooledAt: new Date(record.spooledAtMs).toISOString(),
    rowCount: record.rows.length,
    rows: record.rows,
  });
  try {
    const file = await open(temporary, 'wx', OWNER_ONLY_FILE_MODE);
    try {
      await file.writeFile(content);
      await file.datasync();
    } finally {
      await file.close();
    }
    // Renamed once whole, so a file under its final name is never a half-written one.
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
  return path;
}
