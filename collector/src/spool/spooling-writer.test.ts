import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { BackpressureError, RejectedByStorageError } from '../ingest/ingest-errors.js';
import type { RowWriter } from '../ingest/row-writer.js';
import { StorageUnavailableError } from '../storage/storage-errors.js';
import { SpoolFullError } from './spool-errors.js';
import { SpoolingWriter } from './spooling-writer.js';
import { Spool } from './spool.js';

const rows = [{ SpanId: 'a' }, { SpanId: 'b' }];

describe('SpoolingWriter', () => {
  let dir: string;
  let spool: Spool;
  let spooled: number;
  let full: number;

  const writerOver = (direct: RowWriter, spoolAfterMs = 1000) =>
    new SpoolingWriter({
      table: 'otel_traces',
      direct,
      spool,
      spoolAfterMs,
      onSpooled: () => spooled++,
      onSpoolFull: () => full++,
    });
  const spooledRows = async () => {
    const segment = await spool.takeOldest();
    return segment ? (await spool.readSegment(segment)).map((record) => record.rows) : [];
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ragtrace-spooling-writer-test-'));
    spool = await Spool.open({ dir, maxBytes: 1024 * 1024, logger: { warn: () => {}, error: () => {} } });
    spooled = 0;
    full = 0;
  });
  afterEach(async () => {
    await spool.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes straight to storage while storage takes the rows in time', async () => {
    const stored: unknown[] = [];
    await writerOver({ write: async (r) => void stored.push(r) }).write(rows);
    assert.deepEqual(stored, [rows]);
    assert.equal(spooled, 0);
    assert.ok(spool.isEmpty);
  });

  for (const [why, error] of [
    ['storage is unavailable', new StorageUnavailableError('ClickHouse is unavailable: ECONNREFUSED')],
    ['the in-memory queue is full', new BackpressureError('too much is queued', 1)],
  ] as const) {
    it(`spools the rows when ${why}`, async () => {
      await writerOver({ write: () => Promise.reject(error) }).write(rows);
      assert.equal(spooled, 1);
      assert.deepEqual(await spooledRows(), [rows]);
    });
  }

  it('spools the rows when storage has not stored them within spoolAfterMs', async () => {
    let finishLate: () => void = () => {};
    const late = new Promise<void>((resolve) => (finishLate = resolve));
    await writerOver({ write: () => late }, 20).write(rows);
    finishLate();
    assert.deepEqual(await spooledRows(), [rows]);
  });

  it("keeps the request's id in the record it spools, whichever way it got there", async () => {
    await writerOver({ write: () => Promise.reject(new StorageUnavailableError('down')) }).write(rows, {
      requestId: 'request-failed-over',
    });
    await writerOver({ write: async () => {} }).write(rows, { requestId: 'request-behind-older-records' });
    const segment = await spool.takeOldest();
    assert.deepEqual(
      (await spool.readSegment(segment!)).map((record) => record.requestId),
      ['request-failed-over', 'request-behind-older-records'],
    );
  });

  it('spools without trying storage while older records wait in the spool, to keep their order', async () => {
    await spool.append('otel_traces', [{ SpanId: 'older' }]);
    let tried = false;
    await writerOver({ write: async () => void (tried = true) }).write(rows);
    assert.equal(tried, false);
    assert.deepEqual(await spooledRows(), [[{ SpanId: 'older' }], rows]);
  });

  it('passes on a refusal of the data itself: resending cannot help, spooling would hide it', async () => {
    const refusal = new RejectedByStorageError('storage refused the data');
    await assert.rejects(writerOver({ write: () => Promise.reject(refusal) }).write(rows), refusal);
    assert.ok(spool.isEmpty);
  });

  it('refuses with SpoolFullError when storage cannot take the rows and the spool has no room', async () => {
    await spool.close();
    spool = await Spool.open({ dir, maxBytes: 1024, logger: { warn: () => {}, error: () => {} } });
    const bigRows = [{ SpanId: 'x'.repeat(2000) }];
    const down = { write: () => Promise.reject(new StorageUnavailableError('down')) };
    await assert.rejects(writerOver(down).write(bigRows), SpoolFullError);
    assert.equal(full, 1);
    assert.equal(spooled, 0);
  });
});
