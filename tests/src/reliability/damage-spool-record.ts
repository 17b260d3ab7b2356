import { decodeSpoolSegment, type SpanRow } from '@ragtrace/collector';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface DamagedRecord {
  segment: string;
  /** The request id the record carries (undefined in a record of format 0). */
  requestId: string | undefined;
  table: string;
  /** The spans the record held: what the damage destroys. */
  spanIds: string[];
}

/**
 * Flips one byte of the payload of one trace record in the middle of the fullest segment in
 * `spoolDir`, as bit rot would, and says which record that was: the scenario knows what was
 * destroyed, so it can tell the loss the collector must report from a loss it must not have.
 */
export async function damageOneSpoolRecord(spoolDir: string): Promise<DamagedRecord> {
  const segments = await Promise.all(
    (await readdir(spoolDir))
      .filter((name) => name.endsWith('.seg'))
      .map(async (name) => {
        const path = join(spoolDir, name);
        const bytes = await readFile(path);
        return { path, bytes, records: decodeSpoolSegment(bytes).records };
      }),
  );
  const fullest = segments.sort((a, b) => b.records.length - a.records.length)[0];
  if (fullest === undefined || fullest.records.length < 3) {
    throw new Error(
      `the spool holds no segment of 3 records or more to damage in the middle of (${spoolDir})`,
    );
  }
  const record = fullest.records[Math.floor(fullest.records.length / 2)]!;
  const spanIds = (record.rows as SpanRow[]).map((row) => row.SpanId);
  // A span id occurs in its own record's payload only: one of its characters is a payload byte.
  const key = `"SpanId":"${spanIds[0]}"`;
  const found = fullest.bytes.indexOf(key);
  if (found < 0) throw new Error(`span ${spanIds[0]} is not in ${fullest.path}`);
  const at = found + key.length - 5;
  fullest.bytes[at] = fullest.bytes[at]! ^ 0x01;
  await writeFile(fullest.path, fullest.bytes);
  return { segment: fullest.path, requestId: record.requestId, table: record.table, spanIds };
}
