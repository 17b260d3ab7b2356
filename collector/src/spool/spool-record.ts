import { crc32 } from 'node:zlib';

/** What one acknowledged request left to store: the rows of one write, for one table. */
export interface SpoolRecord {
  table: string;
  rows: readonly object[];
  /** When the record was spooled (ms since the epoch): the replay lag is measured from it. */
  spooledAtMs: number;
}

/** Bytes before each payload: its length and its CRC32, both unsigned 32-bit little-endian. */
export const FRAME_HEADER_BYTES = 8;

/**
 * Frames a record as length + CRC32 + JSON payload. The checksum is what lets a reader tell a
 * record cut short by a crash (or a block of zeros a file system left behind) from a real one.
 */
export function encodeSpoolRecord(record: SpoolRecord): Buffer {
  const payload = Buffer.from(JSON.stringify({ t: record.table, at: record.spooledAtMs, rows: record.rows }));
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeUInt32LE(crc32(payload), 4);
  payload.copy(frame, FRAME_HEADER_BYTES);
  return frame;
}

export interface DecodedSegment {
  records: SpoolRecord[];
  /** Bytes of whole, intact records from the start of the segment. */
  validBytes: number;
  /** Bytes after the last intact record that do not form one (a torn or corrupt tail). */
  ignoredBytes: number;
}

/**
 * Reads the records of one segment in order, stopping at the first frame that is short,
 * fails its checksum or does not parse: everything after it is a tail a crash left behind,
 * never replayed as data.
 */
export function decodeSpoolSegment(bytes: Buffer): DecodedSegment {
  const records: SpoolRecord[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const record = decodeFrameAt(bytes, offset);
    if (record === undefined) break;
    records.push(record.value);
    offset = record.end;
  }
  return { records, validBytes: offset, ignoredBytes: bytes.length - offset };
}

function decodeFrameAt(bytes: Buffer, offset: number): { value: SpoolRecord; end: number } | undefined {
  if (bytes.length - offset < FRAME_HEADER_BYTES) return undefined;
  const length = bytes.readUInt32LE(offset);
  const checksum = bytes.readUInt32LE(offset + 4);
  const start = offset + FRAME_HEADER_BYTES;
  // A payload is never empty, so a zero length is a zero-filled tail, not a record.
  if (length === 0 || bytes.length - start < length) return undefined;
  const payload = bytes.subarray(start, start + length);
  if (crc32(payload) !== checksum) return undefined;
  const value = parsePayload(payload);
  return value && { value, end: start + length };
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
