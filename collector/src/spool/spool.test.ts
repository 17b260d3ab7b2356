import assert from 'node:assert/strict';
import {
  chmod,
  copyFile,
  mkdtemp,
  open,
  readdir,
  readFile,
  rm,
  stat,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createSegmentFile } from './segment-file.js';
import { SpoolFullError, SpoolWriteError } from './spool-errors.js';
import { prepareSpoolFrame } from './spool-frame.js';
import { Spool, type SpoolOptions } from './spool.js';
import { smallDisk } from './test-support/small-disk.js';

/** Bytes a record of these rows takes in a segment. */
const frameBytesOf = (table: string, recordRows: readonly object[]) =>
  prepareSpoolFrame({ table, rows: recordRows, spooledAtMs: NOW }).bytes;

const rows = (tag: string, n = 2) => Array.from({ length: n }, (_, i) => ({ SpanId: `${tag}-${i}` }));
const NOW = 1_700_000_000_000;

describe('Spool', () => {
  let dir: string;
  let logged: Array<{ level: string; msg: string; fields: Record<string, unknown> }>;
  const openSpool = (options: Partial<SpoolOptions> = {}) =>
    Spool.open({
      dir,
      maxBytes: 1024 * 1024,
      logger: {
        warn: (msg, fields = {}) => logged.push({ level: 'warn', msg, fields }),
        error: (msg, fields = {}) => logged.push({ level: 'error', msg, fields }),
      },
      now: () => NOW,
      ...options,
    });

  /** The rows of every record a fresh process finds in the spool, in replay order (replaying them). */
  const replayAll = async () => {
    const reopened = await openSpool();
    const found: unknown[] = [];
    for (let segment = await reopened.takeOldest(); segment; segment = await reopened.takeOldest()) {
      for (const record of await reopened.readSegment(segment)) found.push(record.rows);
      await reopened.deleteSegment(segment);
    }
    await reopened.close();
    return found;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ragtrace-spool-test-'));
    logged = [];
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('resolves an append only after a data sync covering its record, one sync for appends made together', async () => {
    const probe = await open(join(dir, 'probe'), 'w');
    const fileHandle = Object.getPrototypeOf(probe) as { datasync(this: typeof probe): Promise<void> };
    await probe.close();
    const original = fileHandle.datasync;
    const syncedBytes: number[] = [];
    fileHandle.datasync = async function (this: typeof probe) {
      await original.call(this);
      syncedBytes.push((await this.stat()).size);
    };
    try {
      const spool = await openSpool();
      const frameBytes = frameBytesOf('t', rows('r0'));
      const seen: Array<{ record: number; syncedBytes: number }> = [];
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          spool
            .append('t', rows(`r${i}`))
            .then(() => seen.push({ record: i, syncedBytes: syncedBytes.at(-1) ?? 0 })),
        ),
      );
      for (const { record, syncedBytes: bytes } of seen) {
        assert.ok(bytes >= (record + 1) * frameBytes, `record ${record} acknowledged before it was synced`);
      }
      assert.ok(
        syncedBytes.length >= 1 && syncedBytes.length < 20,
        `${syncedBytes.length} syncs for 20 appends`,
      );
      await spool.close();
    } finally {
      fileHandle.datasync = original;
    }
  });

  it('writes an append made the moment the appends before it resolved', async () => {
    const spool = await openSpool();
    await Promise.all([spool.append('t', rows('a')), spool.append('t', rows('b'))]);
    const next = spool.append('t', rows('c'));
    const outcome = await Promise.race([next.then(() => 'written'), sleep(2000).then(() => 'still pending')]);
    assert.equal(outcome, 'written');
    assert.equal(spool.records, 3);
    await spool.close();
  });

  it('writes a record whole although the disk takes it in short writes', async () => {
    const disk = smallDisk({ dir, bytesPerWrite: 7 });
    const spool = await openSpool({ openSegmentFile: disk.open });
    await Promise.all(Array.from({ length: 20 }, (_, i) => spool.append('t', rows(`r${i}`))));
    await spool.append('t', rows('last'));
    await spool.close();

    assert.deepEqual(await replayAll(), [
      ...Array.from({ length: 20 }, (_, i) => rows(`r${i}`)),
      rows('last'),
    ]);
    assert.deepEqual(logged, []);
  });

  it('fails every append of a write the disk runs out of room for, and keeps none of its bytes', async () => {
    const frameBytes = frameBytesOf('t', rows('a0'));
    // Room for a record and a half: the next write runs out of room half-way, the one after at once.
    const disk = smallDisk({ dir, bytesPerWrite: 5, capacity: frameBytes * 1.5 });
    const spool = await openSpool({ openSegmentFile: disk.open });
    await spool.append('t', rows('a0'));
    const full = await Promise.allSettled([spool.append('t', rows('a1')), spool.append('t', rows('a2'))]);
    assert.deepEqual(
      full.map((outcome) => outcome.status === 'rejected' && outcome.reason instanceof SpoolWriteError),
      [true, true],
    );
    assert.equal(spool.records, 1);
    assert.equal(spool.bytes, frameBytes);
    const [name] = await readdir(dir);
    assert.equal((await stat(join(dir, name!))).size, frameBytes, 'no byte of a failed write is left');

    disk.capacity = Infinity;
    await spool.append('t', rows('a3'));
    await spool.close();
    assert.deepEqual(await readdir(dir), [name], 'the segment took appends again once the disk had room');
    assert.deepEqual(await replayAll(), [rows('a0'), rows('a3')]);
    assert.deepEqual(logged, []);
  });

  it('fails the appends of a write whose sync failed, and appends to a new segment after it', async () => {
    let failSync = false;
    const spool = await openSpool({
      openSegmentFile: async (path) => {
        const file = await createSegmentFile(path);
        return {
          write: (...args) => file.write(...args),
          truncate: (length) => file.truncate(length),
          close: () => file.close(),
          datasync: () =>
            failSync ? Promise.reject(new Error('EIO: i/o error, fdatasync')) : file.datasync(),
        };
      },
    });
    await spool.append('t', rows('a0'));
    failSync = true;
    await assert.rejects(spool.append('t', rows('a1')), SpoolWriteError);
    failSync = false;
    await spool.append('t', rows('a2'));
    await spool.close();
    assert.equal((await readdir(dir)).length, 2);
    assert.deepEqual(await replayAll(), [rows('a0'), rows('a2')]);
  });

  it('keeps records across a reopen, oldest segment first and each in append order', async () => {
    const tableOf = (i: number) => (i % 2 ? 'otel_logs' : 'otel_traces');
    const frames = Array.from({ length: 5 }, (_, i) => frameBytesOf(tableOf(i), rows(`a${i}`)));
    const frameBytes = frames[0]!;
    const spool = await openSpool({ segmentBytes: frameBytes * 2 });
    for (let i = 0; i < 5; i++) await spool.append(tableOf(i), rows(`a${i}`));
    assert.equal(spool.records, 5);
    await spool.close();

    const reopened = await openSpool({ segmentBytes: frameBytes * 2 });
    assert.equal(reopened.records, 5);
    assert.equal(
      reopened.bytes,
      frames.reduce((sum, bytes) => sum + bytes),
    );
    assert.equal(reopened.oldestRecordAtMs, NOW);
    await reopened.append('otel_traces', rows('after-restart'));
    const replayed: unknown[] = [];
    for (let segment = await reopened.takeOldest(); segment; segment = await reopened.takeOldest()) {
      for (const record of await reopened.readSegment(segment)) replayed.push([record.table, record.rows]);
      await reopened.deleteSegment(segment);
    }
    assert.deepEqual(replayed, [
      ['otel_traces', rows('a0')],
      ['otel_logs', rows('a1')],
      ['otel_traces', rows('a2')],
      ['otel_logs', rows('a3')],
      ['otel_traces', rows('a4')],
      ['otel_traces', rows('after-restart')],
    ]);
    assert.ok(reopened.isEmpty);
    assert.deepEqual(await readdir(dir), []);
    await reopened.close();
  });

  it('ignores and logs a torn record a crash left at the end of a segment', async () => {
    const spool = await openSpool();
    await spool.append('otel_traces', rows('whole'));
    await spool.append('otel_traces', rows('torn'));
    await spool.close();
    const [name] = await readdir(dir);
    const path = join(dir, name!);
    await truncate(path, (await stat(path)).size - 5);

    const reopened = await openSpool();
    assert.equal(reopened.records, 1);
    assert.deepEqual(
      logged.map(({ level, fields }) => ({ level, segment: fields['segment'], records: fields['records'] })),
      [{ level: 'warn', segment: path, records: 1 }],
    );
    const segment = await reopened.takeOldest();
    assert.deepEqual(
      (await reopened.readSegment(segment!)).map((record) => record.rows),
      [rows('whole')],
    );
    assert.equal(logged.length, 1, 'said once');
    await reopened.close();
  });

  it('replays the records after a damaged one, and logs once what was lost: records, rows, request ids', async () => {
    const spool = await openSpool();
    await spool.append('otel_traces', rows('before'), 'request-1');
    await spool.append('otel_traces', rows('damaged', 3), 'request-2');
    await spool.append('otel_logs', rows('after'), 'request-3');
    await spool.close();
    const [name] = await readdir(dir);
    const path = join(dir, name!);
    const bytes = await readFile(path);
    // The last byte of the second record's payload.
    const at =
      frameBytesOf('otel_traces', rows('before')) + frameBytesOf('otel_traces', rows('damaged', 3)) - 1;
    bytes[at] = bytes[at]! ^ 0xff;
    await writeFile(path, bytes);

    assert.deepEqual(await replayAll(), [rows('before'), rows('after')]);
    assert.deepEqual(
      logged.map(({ level, fields }) => ({
        level,
        segment: fields['segment'],
        records: fields['records'],
        rows: fields['rows'],
        lostRecords: fields['lostRecords'],
      })),
      [
        {
          level: 'error',
          segment: path,
          records: 1,
          rows: 3,
          lostRecords: [{ table: 'otel_traces', requestId: 'request-2', rows: 3 }],
        },
      ],
    );
  });

  it('replays a segment the release before frame versions wrote, and appends after it in the new format', async () => {
    await copyFile(
      new URL('./test-support/format-0-segment.seg', import.meta.url),
      join(dir, '000000000007.seg'),
    );
    const spool = await openSpool();
    assert.equal(spool.records, 3);
    await spool.append('otel_traces', rows('after-upgrade'));
    await spool.close();
    assert.deepEqual(await readdir(dir), ['000000000007.seg', '000000000008.seg']);
    const replayed = (await replayAll()) as Array<Array<{ SpanId: string }>>;
    assert.deepEqual(
      replayed.map((recordRows) => recordRows.map((row) => row.SpanId)),
      [
        ['b7ad6b7169203331', 'b7ad6b7169203332'],
        ['c7ad6b7169203331', 'c7ad6b7169203332'],
        [''],
        ['after-upgrade-0', 'after-upgrade-1'],
      ],
    );
    // The previous release left its segments readable by others (0644 under the usual umask).
    assert.deepEqual(
      logged.map(({ level, fields }) => ({ level, ...fields })),
      [{ level: 'warn', dir, segments: 1 }],
    );
  });

  it('leaves a segment of a later format in place, unread, and says so', async () => {
    const spool = await openSpool();
    await spool.append('otel_traces', rows('from-the-future'));
    await spool.close();
    const [name] = await readdir(dir);
    const path = join(dir, name!);
    const bytes = await readFile(path);
    bytes[4] = 2;
    await writeFile(path, bytes);

    const reopened = await openSpool();
    assert.ok(reopened.isEmpty);
    await reopened.append('otel_traces', rows('now'));
    await reopened.close();
    assert.deepEqual(await readFile(path), bytes, 'left as it was');
    assert.equal((await readdir(dir)).length, 2);
    assert.deepEqual(
      logged.map(({ level, fields }) => ({ level, segment: fields['segment'] })),
      [{ level: 'error', segment: path }],
    );
  });

  it("keeps the spool directory and its segments readable by the collector's user only, whatever the umask", async () => {
    const spoolDir = join(dir, 'data', 'spool');
    const umask = process.umask(0);
    try {
      const spool = await openSpool({ dir: spoolDir });
      await spool.append('t', rows('private'));
      await spool.close();
    } finally {
      process.umask(umask);
    }
    const [name] = await readdir(spoolDir);
    assert.equal((await stat(spoolDir)).mode & 0o777, 0o700);
    assert.equal((await stat(join(spoolDir, name!))).mode & 0o777, 0o600);
    assert.deepEqual(logged, []);
  });

  it('narrows a spool directory and segments others could read (an older release made them so), and says so', async () => {
    const spool = await openSpool();
    await spool.append('t', rows('a'));
    await spool.append('t', rows('b'));
    await spool.close();
    const [name] = await readdir(dir);
    await chmod(dir, 0o755);
    await chmod(join(dir, name!), 0o644);

    const reopened = await openSpool();
    assert.equal(reopened.records, 2);
    await reopened.close();
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
    assert.equal((await stat(join(dir, name!))).mode & 0o777, 0o600);
    assert.deepEqual(
      logged.map(({ level, fields }) => ({ level, ...fields })),
      [
        { level: 'warn', dir },
        { level: 'warn', dir, segments: 1 },
      ],
    );
  });

  it('drops a leftover segment with no intact record at all', async () => {
    await (await open(join(dir, '000000000001.seg'), 'w')).close();
    const spool = await openSpool();
    assert.ok(spool.isEmpty);
    assert.deepEqual(await readdir(dir), []);
    await spool.close();
  });

  it('refuses an append beyond its byte bound with SpoolFullError, and takes it once a segment is deleted', async () => {
    const frameBytes = frameBytesOf('t', rows('x0'));
    const spool = await openSpool({ maxBytes: frameBytes * 2 + frameBytes / 2, segmentBytes: frameBytes });
    await spool.append('t', rows('x0'));
    await spool.append('t', rows('x1'));
    await assert.rejects(spool.append('t', rows('x2')), SpoolFullError);
    assert.equal(spool.records, 2);
    assert.equal(spool.bytes, frameBytes * 2);

    const oldest = await spool.takeOldest();
    await spool.deleteSegment(oldest!);
    await spool.append('t', rows('x2'));
    assert.equal(spool.records, 2);
    await spool.close();
  });

  it('seals the segment being appended to when replay takes it, so later appends start a new one', async () => {
    const spool = await openSpool();
    await spool.append('t', rows('before'));
    const segment = await spool.takeOldest();
    await spool.append('t', rows('after'));
    assert.deepEqual(
      (await spool.readSegment(segment!)).map((record) => record.rows),
      [rows('before')],
    );
    await spool.deleteSegment(segment!);
    assert.equal(spool.records, 1);
    assert.equal((await readdir(dir)).length, 1);
    await spool.close();
  });

  it('tells when records arrive and whether it is empty', async () => {
    const spool = await openSpool();
    assert.ok(spool.isEmpty);
    let woken = false;
    const waiting = spool.whenNotEmpty().then(() => (woken = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(woken, false);
    const appended = spool.append('t', rows('a'));
    assert.equal(spool.isEmpty, false, 'an append under way already counts');
    await appended;
    await waiting;
    assert.ok(woken);
    await spool.close();
  });
});
