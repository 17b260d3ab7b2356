import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeSpoolSegment,
  encodeSpoolRecord,
  FRAME_HEADER_BYTES,
  type SpoolRecord,
} from './spool-record.js';

const first: SpoolRecord = {
  table: 'otel_traces',
  rows: [{ SpanId: 'a1' }, { SpanId: 'a2' }],
  spooledAtMs: 1000,
};
const second: SpoolRecord = { table: 'otel_logs', rows: [{ Body: "it's \u00e9 \\ ok" }], spooledAtMs: 2000 };

describe('spool record framing', () => {
  it('frames a record as length, CRC32 and payload, and reads records back in order', () => {
    const frame = encodeSpoolRecord(first);
    assert.equal(frame.readUInt32LE(0), frame.length - FRAME_HEADER_BYTES);
    const bytes = Buffer.concat([frame, encodeSpoolRecord(second)]);
    const decoded = decodeSpoolSegment(bytes);
    assert.deepEqual(decoded.records, [first, second]);
    assert.equal(decoded.validBytes, bytes.length);
    assert.equal(decoded.ignoredBytes, 0);
  });

  it('ignores a record cut short anywhere, keeping the intact ones before it', () => {
    const intact = encodeSpoolRecord(first);
    const torn = encodeSpoolRecord(second);
    for (const cut of [1, FRAME_HEADER_BYTES - 1, FRAME_HEADER_BYTES, torn.length - 1]) {
      const decoded = decodeSpoolSegment(Buffer.concat([intact, torn.subarray(0, cut)]));
      assert.deepEqual(decoded.records, [first], `cut at ${cut}`);
      assert.equal(decoded.validBytes, intact.length);
      assert.equal(decoded.ignoredBytes, cut);
    }
  });

  it('ignores a record whose payload does not match its checksum, and everything after it', () => {
    const corrupt = encodeSpoolRecord(second);
    const flipped = corrupt.length - 3;
    corrupt.writeUInt8(corrupt.readUInt8(flipped) ^ 0xff, flipped);
    const bytes = Buffer.concat([encodeSpoolRecord(first), corrupt, encodeSpoolRecord(first)]);
    const decoded = decodeSpoolSegment(bytes);
    assert.deepEqual(decoded.records, [first]);
    assert.equal(decoded.ignoredBytes, corrupt.length + encodeSpoolRecord(first).length);
  });

  it('takes a zero-filled tail (what a file system may leave after a crash) for no record', () => {
    const decoded = decodeSpoolSegment(Buffer.concat([encodeSpoolRecord(first), Buffer.alloc(64)]));
    assert.deepEqual(decoded.records, [first]);
    assert.equal(decoded.ignoredBytes, 64);
  });
});
