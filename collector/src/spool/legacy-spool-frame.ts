import { crc32 } from 'node:zlib';
import type { SpoolRecord } from './spool-record.js';

/**
 * Format 0, what releases before frame versions wrote: the payload's length and CRC32
 * (unsigned 32-bit little-endian), then the payload, `{"t": table, "at": spooledAt, "rows"}`
 * as JSON. Still read, so that segments an older release left behind replay after an upgrade.
 */
const LENGTH_AND_CRC_BYTES = 8;

/** How every format 0 payload begins (JSON.stringify keeps key order): where one may start. */
export const LEGACY_PAYLOAD_START = Buffer.from('{"t":"');
export const LEGACY_PAYLOAD_OFFSET = LENGTH_AND_CRC_BYTES;

/** The format 0 record starting at `offset`, when one starts there whole and intact. */
export function readLegacyFrame(
  bytes: Buffer,
  offset: number,
): { record: SpoolRecord; end: number } | undefined {
  if (bytes.length - offset < LENGTH_AND_CRC_BYTES) return undefined;
  const length = bytes.readUInt32LE(offset);
  const start = offset + LENGTH_AND_CRC_BYTES;
  // A payload is never empty, so a zero length is a zero-filled tail, not a record.
  if (length === 0 || bytes.length - start < length) return undefined;
  const payload = bytes.subarray(start, start + length);
  if (crc32(payload) !== bytes.readUInt32LE(offset + 4)) return undefined;
  const record = parsePayload(payload);
  return record && { record, end: start + length };
}

function parsePayload(payload: Buffer): SpoolRecord | undefined {
  try {
    const parsed = JSON.parse(payload.toString('utf8')) as { t?: unknown; at?: unknown; rows?: unknown };
    if (typeof parsed.t !== 'string' || typeof parsed.at !== 'number' || !Array.isArray(parsed.rows)) {
      return undefined;
    }
    return { table: parsed.t, spooledAtMs: parsed.at, rows: parsed.rows as object[] };
  } catch {
    return undefined;
  }
}
