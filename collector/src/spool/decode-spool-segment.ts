import { LEGACY_PAYLOAD_OFFSET, LEGACY_PAYLOAD_START, readLegacyFrame } from './legacy-spool-frame.js';
import {
  FIRST_PLACE,
  FRAME_MAGIC,
  readFrameHeader,
  readFramePayload,
  startsLaterFormat,
  type FrameHeader,
  type FramePlace,
} from './spool-frame.js';
import type { SpoolRecord } from './spool-record.js';

/** A stretch of a segment that holds no intact record, and what is known of what it held. */
export interface SegmentDamage {
  /** Where the stretch starts in the segment, and its length. */
  offset: number;
  bytes: number;
  /** Records and rows it held; undefined where that cannot be told (bytes of no known record). */
  records: number | undefined;
  rows: number | undefined;
  /** The records in it whose header survived: what each was. */
  known: ReadonlyArray<Pick<FrameHeader, 'table' | 'requestId' | 'rows'>>;
  /** It runs to the end of the segment, as the record a crash cut short does. */
  atEnd: boolean;
}

export interface DecodedSegment {
  records: SpoolRecord[];
  damage: SegmentDamage[];
  /** The segment holds a frame of a later format than this release reads. */
  laterFormat: boolean;
}

interface OpenDamage {
  offset: number;
  /** Where the first record it swallowed sat; undefined where that is not known (format 0). */
  from: FramePlace | undefined;
  known: Array<Pick<FrameHeader, 'table' | 'requestId' | 'rows'>>;
  /** How far the records with a surviving header reach: damaged bytes beyond are of no known record. */
  knownUntil: number;
  unknownBytes: boolean;
}

/**
 * Reads the records of one segment in order, in format 1 or 0. A record that is cut short,
 * fails its checksum or does not parse is never returned as data: the reader resumes at the
 * next place a record starts (format 1's magic, format 0's payload opening) and reports the
 * stretch it passed over, so one damaged byte costs the record it hit and no other.
 */
export function decodeSpoolSegment(bytes: Buffer): DecodedSegment {
  const records: SpoolRecord[] = [];
  const damage: SegmentDamage[] = [];
  let open: OpenDamage | undefined;
  /** The place the next record should have; undefined after a record of format 0. */
  let expected: FramePlace | undefined = FIRST_PLACE;
  let laterFormat = false;

  const damaged = (offset: number, from = expected): OpenDamage =>
    (open ??= { offset, from, known: [], knownUntil: offset, unknownBytes: false });
  const closeDamage = (end: number, next: FramePlace | undefined): void => {
    if (open === undefined) return;
    damage.push(measure(open, end, next, bytes.length));
    open = undefined;
  };

  let offset = 0;
  while (offset < bytes.length) {
    const header = readFrameHeader(bytes, offset);
    if (header !== undefined) {
      const rows = readFramePayload(bytes, header);
      if (rows !== undefined) {
        closeDamage(offset, header);
        records.push({
          table: header.table,
          rows,
          spooledAtMs: header.spooledAtMs,
          ...(header.requestId === undefined ? {} : { requestId: header.requestId }),
        });
        expected = { index: header.index + 1, rowsBefore: header.rowsBefore + header.rows };
        offset = header.end;
        continue;
      }
      // The header survived and says what is lost. Where the next record starts is looked
      // for, not taken from the header: a write cut short may be followed by a whole record.
      const stretch = damaged(offset, header);
      stretch.known.push({ table: header.table, requestId: header.requestId, rows: header.rows });
      stretch.knownUntil = Math.max(stretch.knownUntil, Math.min(header.end, bytes.length));
      offset = header.payloadStart;
      continue;
    }
    const legacy = readLegacyFrame(bytes, offset);
    if (legacy !== undefined) {
      closeDamage(offset, undefined);
      records.push(legacy.record);
      expected = undefined;
      offset = legacy.end;
      continue;
    }
    if (startsLaterFormat(bytes, offset)) laterFormat = true;
    const resume = nextPossibleStart(bytes, offset + 1);
    const stretch = damaged(offset);
    if (resume > stretch.knownUntil) stretch.unknownBytes = true;
    offset = resume;
  }
  closeDamage(bytes.length, undefined);
  return { records, damage, laterFormat };
}

/**
 * Counts what a stretch held: from the places of the records on either side when both are
 * known (exact, however many headers were lost), else from the headers that survived in it
 * when every byte of it belongs to one of them.
 */
function measure(
  open: OpenDamage,
  end: number,
  next: FramePlace | undefined,
  segmentBytes: number,
): SegmentDamage {
  const { offset, from, known } = open;
  const counted =
    from !== undefined && next !== undefined && next.index >= from.index && next.rowsBefore >= from.rowsBefore
      ? { records: next.index - from.index, rows: next.rowsBefore - from.rowsBefore }
      : !open.unknownBytes && known.length > 0
        ? { records: known.length, rows: known.reduce((sum, each) => sum + each.rows, 0) }
        : { records: undefined, rows: undefined };
  return { offset, bytes: end - offset, ...counted, known, atEnd: end === segmentBytes };
}

/** The next offset from `from` on where a record of either format could start, else the end. */
function nextPossibleStart(bytes: Buffer, from: number): number {
  const frame = bytes.indexOf(FRAME_MAGIC, from);
  const legacyPayload = bytes.indexOf(LEGACY_PAYLOAD_START, from + LEGACY_PAYLOAD_OFFSET);
  const candidates = [frame, legacyPayload < 0 ? -1 : legacyPayload - LEGACY_PAYLOAD_OFFSET].filter(
    (candidate) => candidate >= from,
  );
  return candidates.length > 0 ? Math.min(...candidates) : bytes.length;
}
