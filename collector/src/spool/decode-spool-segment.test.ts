import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { decodeSpoolSegment, type SegmentDamage } from './decode-spool-segment.js';
import { encodeSpoolFrame, FRAME_MAGIC, prepareSpoolFrame } from './spool-frame.js';
import type { SpoolRecord } from './spool-record.js';

/** A segment the current release wrote before frames had versions (three requests: two trace, one log). */
const FORMAT_0_SEGMENT = new URL('./test-support/format-0-segment.seg', import.meta.url);

const record = (n: number, rows = 2): SpoolRecord => ({
  table: n % 2 ? 'otel_logs' : 'otel_traces',
  rows: Array.from({ length: rows }, (_, i) => ({ SpanId: `r${n}-${i}`, Body: "it's \u00e9 \\ ok" })),
  spooledAtMs: 1000 + n,
  requestId: `request-${n}`,
});

/** The records framed one after another, as a spool appends them to a new segment. */
function segmentOf(records: readonly SpoolRecord[]): { bytes: Buffer; starts: number[] } {
  const frames: Buffer[] = [];
  const starts: number[] = [];
  let place = { index: 0, rowsBefore: 0 };
  let offset = 0;
  for (const each of records) {
    starts.push(offset);
    frames.push(encodeSpoolFrame(prepareSpoolFrame(each), place));
    offset += frames.at(-1)!.length;
    place = { index: place.index + 1, rowsBefore: place.rowsBefore + each.rows.length };
  }
  starts.push(offset);
  return { bytes: Buffer.concat(frames), starts };
}

const flipped = (bytes: Buffer, at: number) => {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x5a;
  return copy;
};

const counts = (damage: readonly SegmentDamage[]) =>
  damage.map(({ records, rows, atEnd }) => ({ records, rows, atEnd }));

describe('decodeSpoolSegment', () => {
  it('reads records back in order, with their table, rows, time and request id', () => {
    const records = [record(0), record(1, 1), record(2, 5)];
    const decoded = decodeSpoolSegment(segmentOf(records).bytes);
    assert.deepEqual(decoded.records, records);
    assert.deepEqual(decoded.damage, []);
    assert.equal(decoded.laterFormat, false);
  });

  it('starts each record with the magic and format version 1', () => {
    const { bytes, starts } = segmentOf([record(0), record(1)]);
    for (const start of starts.slice(0, -1)) {
      assert.deepEqual(bytes.subarray(start, start + 5), Buffer.concat([FRAME_MAGIC, Buffer.from([1])]));
    }
  });

  it('loses only the record a damaged byte hits, wherever in it the byte is, and says what it held', () => {
    const records = [record(0), record(1, 3), record(2)];
    const { bytes, starts } = segmentOf(records);
    for (let at = starts[1]!; at < starts[2]!; at++) {
      const decoded = decodeSpoolSegment(flipped(bytes, at));
      assert.deepEqual(decoded.records, [records[0], records[2]], `byte ${at} damaged`);
      assert.deepEqual(counts(decoded.damage), [{ records: 1, rows: 3, atEnd: false }], `byte ${at} damaged`);
      assert.equal(decoded.damage[0]!.offset, starts[1]);
      assert.equal(decoded.damage[0]!.bytes, starts[2]! - starts[1]!);
    }
  });

  it('names the request of a record whose payload is damaged', () => {
    const { bytes, starts } = segmentOf([record(0), record(1), record(2)]);
    const decoded = decodeSpoolSegment(flipped(bytes, starts[2]! - 3));
    assert.deepEqual(decoded.damage[0]!.known, [{ table: 'otel_logs', requestId: 'request-1', rows: 2 }]);
  });

  it('counts the records and rows of a damaged stretch exactly, even with their headers gone', () => {
    const records = [0, 1, 2, 3, 4, 5].map((n) => record(n, n + 1));
    const { bytes, starts } = segmentOf(records);
    const damaged = Buffer.from(bytes);
    // From the middle of record 1 to the middle of record 3's header: 1, 2 and 3 are lost.
    damaged.fill(0, starts[1]! + 40, starts[3]! + 12);
    const decoded = decodeSpoolSegment(damaged);
    assert.deepEqual(decoded.records, [records[0], records[4], records[5]]);
    assert.deepEqual(counts(decoded.damage), [{ records: 3, rows: 2 + 3 + 4, atEnd: false }]);
  });

  it('takes a record cut short at the end (a write a crash interrupted) for damage at the end', () => {
    const records = [record(0), record(1, 4)];
    const { bytes, starts } = segmentOf(records);
    for (const cut of [starts[1]! + 3, starts[1]! + 20, starts[1]! + 60, bytes.length - 1]) {
      const decoded = decodeSpoolSegment(bytes.subarray(0, cut));
      assert.deepEqual(decoded.records, [records[0]], `cut at ${cut}`);
      assert.equal(decoded.damage.length, 1);
      assert.equal(decoded.damage[0]!.atEnd, true);
      assert.equal(decoded.damage[0]!.bytes, cut - starts[1]!);
    }
    // Once the header is whole, what was cut short is known.
    assert.deepEqual(counts(decodeSpoolSegment(bytes.subarray(0, bytes.length - 1)).damage), [
      { records: 1, rows: 4, atEnd: true },
    ]);
  });

  it('takes a zero-filled tail (what a file system may leave after a crash) for no record', () => {
    const records = [record(0)];
    const decoded = decodeSpoolSegment(Buffer.concat([segmentOf(records).bytes, Buffer.alloc(64)]));
    assert.deepEqual(decoded.records, records);
    assert.deepEqual(counts(decoded.damage), [{ records: undefined, rows: undefined, atEnd: true }]);
  });

  it('tells a segment with records of a later format, which this release must not take for damage', () => {
    const { bytes } = segmentOf([record(0)]);
    const later = Buffer.from(bytes);
    later[4] = 2;
    assert.equal(decodeSpoolSegment(later).laterFormat, true);
    assert.equal(decodeSpoolSegment(bytes).laterFormat, false);
  });

  describe('format 0 (before frame versions)', () => {
    it('reads a segment the previous release wrote', async () => {
      const decoded = decodeSpoolSegment(await readFile(FORMAT_0_SEGMENT));
      assert.deepEqual(decoded.damage, []);
      assert.deepEqual(
        decoded.records.map(({ table, rows, requestId }) => ({ table, rows: rows.length, requestId })),
        [
          { table: 'otel_traces', rows: 2, requestId: undefined },
          { table: 'otel_traces', rows: 2, requestId: undefined },
          { table: 'otel_logs', rows: 1, requestId: undefined },
        ],
      );
      assert.deepEqual(
        decoded.records[1]!.rows.map((row) => (row as { SpanId: string }).SpanId),
        ['c7ad6b7169203331', 'c7ad6b7169203332'],
      );
    });

    it('loses only the record a damaged byte hits there too', async () => {
      const bytes = await readFile(FORMAT_0_SEGMENT);
      const intact = decodeSpoolSegment(bytes).records;
      // The second record spans bytes 1561 to 3122: its length, its checksum, its payload.
      for (const at of [1561, 1566, 1600, 3000]) {
        const decoded = decodeSpoolSegment(flipped(bytes, at));
        assert.deepEqual(decoded.records, [intact[0], intact[2]], `byte ${at} damaged`);
        assert.deepEqual(
          decoded.damage.map(({ offset, bytes: length, atEnd }) => ({ offset, length, atEnd })),
          [{ offset: 1561, length: 3122 - 1561, atEnd: false }],
          `byte ${at} damaged`,
        );
      }
    });
  });
});
