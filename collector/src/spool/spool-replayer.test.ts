import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { RejectedByStorageError } from '../ingest/ingest-errors.js';
import type { RowWriter } from '../ingest/row-writer.js';
import { StorageUnavailableError } from '../storage/storage-errors.js';
import { SpoolReplayer } from './spool-replayer.js';
import { Spool } from './spool.js';

type Row = { id: string };
const row = (id: string): Row => ({ id });

/** A writer that records what it stored; `failWith` decides per row id whether a write fails. */
function recordingWriter(
  log: string[],
  table: string,
  failWith: (id: string) => Error | undefined = () => undefined,
) {
  const attempts = new Map<string, number>();
  const writer: RowWriter = {
    write: async (rows) => {
      const id = (rows[0] as Row).id;
      attempts.set(id, (attempts.get(id) ?? 0) + 1);
      const failure = failWith(id);
      if (failure) throw failure;
      log.push(`${table}:${id}`);
    },
  };
  return { writer, attempts };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('SpoolReplayer', () => {
  let dir: string;
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };
  const openSpool = (segmentBytes?: number) =>
    Spool.open({ dir, maxBytes: 1024 * 1024, segmentBytes, logger: quiet });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ragtrace-replayer-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('replays leftovers and then new records in order, deleting each segment once all of it is stored', async () => {
    const previous = await openSpool(120);
    for (const id of ['t1', 't2', 't3']) await previous.append('otel_traces', [row(id)]);
    await previous.append('otel_logs', [row('l1')]);
    await previous.close();
    assert.ok((await readdir(dir)).length > 1, 'the test needs several segments');

    const spool = await openSpool(120);
    const log: string[] = [];
    const replayer = new SpoolReplayer({
      spool,
      writers: new Map([
        ['otel_traces', recordingWriter(log, 'otel_traces').writer],
        ['otel_logs', recordingWriter(log, 'otel_logs').writer],
      ]),
      maxRowsPerStep: 1,
      retryDelayMs: 10,
      logger: quiet,
    });
    replayer.start();
    await waitFor(() => spool.isEmpty, 'the leftovers to be replayed');
    await spool.append('otel_traces', [row('t4')]);
    await waitFor(() => spool.isEmpty && log.length === 5, 'the new record to be replayed');
    await replayer.stop();
    await spool.close();
    assert.deepEqual(log, [
      'otel_traces:t1',
      'otel_traces:t2',
      'otel_traces:t3',
      'otel_logs:l1',
      'otel_traces:t4',
    ]);
    assert.deepEqual(await readdir(dir), []);
  });

  it('retries while storage fails, reports the outage meanwhile, and never rewrites a record it stored', async () => {
    const spool = await openSpool();
    for (const id of ['a', 'b', 'c']) await spool.append('otel_logs', [row(id)]);
    let failuresLeft = 2;
    const log: string[] = [];
    const { writer, attempts } = recordingWriter(log, 'otel_logs', (id) =>
      id === 'b' && failuresLeft-- > 0 ? new StorageUnavailableError('ClickHouse is unavailable') : undefined,
    );
    const outages: unknown[] = [];
    const replayer = new SpoolReplayer({
      spool,
      writers: new Map([['otel_logs', writer]]),
      maxRowsPerStep: 100,
      retryDelayMs: 20,
      logger: quiet,
    });
    replayer.start();
    await waitFor(() => {
      outages.push(replayer.outage);
      return spool.isEmpty;
    }, 'the spool to drain');
    await replayer.stop();
    await spool.close();
    assert.ok(outages.some((outage) => outage instanceof StorageUnavailableError));
    assert.equal(replayer.outage, undefined);
    assert.deepEqual(Object.fromEntries(attempts), { a: 1, b: 3, c: 1 });
    assert.deepEqual(log.sort(), ['otel_logs:a', 'otel_logs:b', 'otel_logs:c']);
  });

  it('drops a record storage refuses for good, says so, and goes on', async () => {
    const spool = await openSpool();
    await spool.append('otel_traces', [row('poison')]);
    await spool.append('otel_traces', [row('good')]);
    const log: string[] = [];
    const errors: string[] = [];
    let rejected = 0;
    const replayer = new SpoolReplayer({
      spool,
      writers: new Map([
        [
          'otel_traces',
          recordingWriter(log, 'otel_traces', (id) =>
            id === 'poison' ? new RejectedByStorageError('storage refused the data') : undefined,
          ).writer,
        ],
      ]),
      maxRowsPerStep: 100,
      retryDelayMs: 10,
      logger: { ...quiet, error: (msg) => errors.push(msg) },
      onRejectedRecord: () => rejected++,
    });
    replayer.start();
    await waitFor(() => spool.isEmpty, 'the spool to drain');
    await replayer.stop();
    await spool.close();
    assert.deepEqual(log, ['otel_traces:good']);
    assert.equal(rejected, 1);
    assert.equal(errors.length, 1);
  });

  it('stops while storage is down and leaves the records on disk for the next start', async () => {
    const spool = await openSpool();
    await spool.append('otel_traces', [row('kept')]);
    const replayer = new SpoolReplayer({
      spool,
      writers: new Map([
        ['otel_traces', recordingWriter([], 'otel_traces', () => new StorageUnavailableError('down')).writer],
      ]),
      maxRowsPerStep: 100,
      retryDelayMs: 10_000,
      logger: quiet,
    });
    replayer.start();
    await waitFor(() => replayer.outage !== undefined, 'a failed replay');
    await replayer.stop();
    await spool.close();
    const reopened = await openSpool();
    assert.equal(reopened.records, 1);
    await reopened.close();
  });
});
