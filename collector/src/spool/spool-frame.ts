import { crc32 } from 'node:zlib';
import type { SpoolRecord } from './spool-record.js';

/**
 * Format 1 of a spooled record (all integers unsigned little-endian):
 *
 * | offset | bytes | field                                                        |
 * |--------|-------|--------------------------------------------------------------|
 * | 0      | 4     | magic `RTSF` (ragtrace spool frame)                          |
 * | 4      | 1     | format version, 1                                            |
 * | 5      | 4     | CRC32 of the header: bytes 0–4, then 9 to the payload        |
 * | 9      | 4     | index of the record in its segment (0, 1, …)                 |
 * | 13     | 4     | rows of the records before it in its segment                 |
 * | 17     | 4     | rows of this record                                          |
 * | 21     | 4     | payload length                                               |
 * | 25     | 4     | CRC32 of the payload                                         |
 * | 29     | 2     | length of the header JSON                                    |
 * | 31     | …     | header JSON: `{"table", "spooledAt", "requestId"}`           |
 * | …      | …     | payload: the rows, a JSON array                              |
 *
 * The magic lets a reader find the next record after damaged bytes; the header has a checksum
 * of its own, so a record whose payload is damaged still says what was lost (table, request
 * id, rows); and the place in the segment (index, rows before) tells how many records and rows
 * a damaged stretch held, even when their headers are gone.
 */
export const FRAME_MAGIC = Buffer.from('RTSF', 'latin1');
export const FRAME_VERSION = 1;

const CHECKED_PREFIX_BYTES = 5;
const HEADER_CRC_AT = 5;
const INDEX_AT = 9;
const ROWS_BEFORE_AT = 13;
const ROWS_AT = 17;
const PAYLOAD_LENGTH_AT = 21;
const PAYLOAD_CRC_AT = 25;
const JSON_LENGTH_AT = 29;
const FIXED_HEADER_BYTES = 31;

/** Where a record sits in its segment. */
export interface FramePlace {
  index: number;
  rowsBefore: number;
}

export const FIRST_PLACE: FramePlace = { index: 0, rowsBefore: 0 };

/** A record's bytes but for its place, which is known only once the segment it goes to is. */
export interface PreparedFrame {
  /** Bytes the frame takes on disk, whatever its place. */
  readonly bytes: number;
  readonly rows: number;
  readonly headerJson: Buffer;
  readonly payload: Buffer;
}

export function prepareSpoolFrame(record: SpoolRecord): PreparedFrame {
  const headerJson = Buffer.from(
    JSON.stringify({ table: record.table, spooledAt: record.spooledAtMs, requestId: record.requestId }),
  );
  const payload = Buffer.from(JSON.stringify(record.rows));
  return {
    bytes: FIXED_HEADER_BYTES + headerJson.length + payload.length,
    rows: record.rows.length,
    headerJson,
    payload,
  };
}

export function encodeSpoolFrame(frame: PreparedFrame, place: FramePlace): Buffer {
  const bytes = Buffer.allocUnsafe(frame.bytes);
  FRAME_MAGIC.copy(bytes, 0);
  bytes.writeUInt8(FRAME_VERSION, 4);
  bytes.writeUInt32LE(place.index, INDEX_AT);
  bytes.writeUInt32LE(place.rowsBefore, ROWS_BEFORE_AT);
  bytes.writeUInt32LE(frame.rows, ROWS_AT);
  bytes.writeUInt32LE(frame.payload.length, PAYLOAD_LENGTH_AT);
  bytes.writeUInt32LE(crc32(frame.payload), PAYLOAD_CRC_AT);
  bytes.writeUInt16LE(frame.headerJson.length, JSON_LENGTH_AT);
  frame.headerJson.copy(bytes, FIXED_HEADER_BYTES);
  const payloadStart = FIXED_HEADER_BYTES + frame.headerJson.length;
  bytes.writeUInt32LE(headerChecksum(bytes, 0, payloadStart), HEADER_CRC_AT);
  frame.payload.copy(bytes, payloadStart);
  return bytes;
}

/** What an intact header says of its record, and where the record's bytes lie. */
export interface FrameHeader extends FramePlace {
  table: string;
  spooledAtMs: number;
  requestId: string | undefined;
  rows: number;
  start: number;
  payloadStart: number;
  /** Where the record ends: possibly past the end of the bytes read, when it was cut short. */
  end: number;
  payloadCrc: number;
}

/** The header of a format 1 frame starting at `offset`, when one starts there intact. */
export function readFrameHeader(bytes: Buffer, offset: number): FrameHeader | undefined {
  if (!startsFrame(bytes, offset) || bytes.readUInt8(offset + 4) !== FRAME_VERSION) return undefined;
  if (bytes.length - offset < FIXED_HEADER_BYTES) return undefined;
  const payloadStart = offset + FIXED_HEADER_BYTES + bytes.readUInt16LE(offset + JSON_LENGTH_AT);
  if (payloadStart > bytes.length) return undefined;
  if (headerChecksum(bytes, offset, payloadStart) !== bytes.readUInt32LE(offset + HEADER_CRC_AT)) {
    return undefined;
  }
  const about = parseHeaderJson(bytes.subarray(offset + FIXED_HEADER_BYTES, payloadStart));
  if (about === undefined) return undefined;
  return {
    ...about,
    index: bytes.readUInt32LE(offset + INDEX_AT),
    rowsBefore: bytes.readUInt32LE(offset + ROWS_BEFORE_AT),
    rows: bytes.readUInt32LE(offset + ROWS_AT),
    start: offset,
    payloadStart,
    end: payloadStart + bytes.readUInt32LE(offset + PAYLOAD_LENGTH_AT),
    payloadCrc: bytes.readUInt32LE(offset + PAYLOAD_CRC_AT),
  };
}

/** The rows of the frame `header` heads, when its payload is all there and intact. */
export function readFramePayload(bytes: Buffer, header: FrameHeader): object[] | undefined {
  if (header.end > bytes.length) return undefined;
  const payload = bytes.subarray(header.payloadStart, header.end);
  if (crc32(payload) !== header.payloadCrc) return undefined;
  const rows = parseJson(payload);
  return Array.isArray(rows) && rows.length === header.rows ? (rows as object[]) : undefined;
}

/** The magic, followed by any version: a frame of this format or of a later one. */
export function startsFrame(bytes: Buffer, offset: number): boolean {
  return (
    bytes.length - offset > FRAME_MAGIC.length && bytes.compare(FRAME_MAGIC, 0, 4, offset, offset + 4) === 0
  );
}

/** A frame of a format this release cannot read (written by a later one) starts at `offset`. */
export function startsLaterFormat(bytes: Buffer, offset: number): boolean {
  return startsFrame(bytes, offset) && bytes.readUInt8(offset + 4) > FRAME_VERSION;
}

function headerChecksum(bytes: Buffer, start: number, payloadStart: number): number {
  return crc32(
    bytes.subarray(start + INDEX_AT, payloadStart),
    crc32(bytes.subarray(start, start + CHECKED_PREFIX_BYTES)),
  );
}

function parseHeaderJson(json: Buffer): Pick<FrameHeader, 'table' | 'spooledAtMs' | 'requestId'> | undefined {
  const about = parseJson(json) as { table?: unknown; spooledAt?: unknown; requestId?: unknown } | undefined;
  if (typeof about?.table !== 'string' || typeof about.spooledAt !== 'number') return undefined;
  const requestId = typeof about.requestId === 'string' ? about.requestId : undefined;
  return { table: about.table, spooledAtMs: about.spooledAt, requestId };
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}
