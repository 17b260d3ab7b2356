import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { BackpressureError, RejectedByStorageError, ShuttingDownError } from '../ingest/ingest-errors.js';
import type { RowWriter } from '../ingest/row-writer.js';
import { ClickHouseQueryError, StorageUnavailableError } from '../storage/storage-errors.js';
import { SpoolReplayer, type SpoolReplayerOptions } from './spool-replayer.js';
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
  const deadLetterDir = () => join(dir, 'dead-letter');
  const replayerOver = (
    options: Pick<SpoolReplayerOptions, 'spool' | 'writers'> & Partial<SpoolReplayerOptions>,
  ) =>
    new SpoolReplayer({
      maxRowsPerStep: 100,
      retryDelayMs: 10,
      maxAttempts: 3,
      deadLetterDir: deadLetterDir(),
      logger: quiet,
      ...options,
    });
  /** The dead letters written so far, parsed. */
  const deadLetters = async (): Promise<Array<Record<string, unknown>>> => {
    const names = await readdir(deadLetterDir()).catch(() => []);
    return Promise.all(
      names.map(async (name) => JSON.parse(await readFile(join(deadLetterDir(), name), 'utf8'))),
    );
  };

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
    const replayer = replayerOver({
      spool,
      writers: new Map([
        ['otel_traces', recordingWriter(log, 'otel_traces').writer],
        ['otel_logs', recordingWriter(log, 'otel_logs').writer],
      ]),
      maxRowsPerStep: 1,
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
    const replayer = replayerOver({ spool, writers: new Map([['otel_logs', writer]]), retryDelayMs: 20 });
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

  it('quarantines a record storage refuses at once, says so once, and goes on', async () => {
    const spool = await openSpool();
    await spool.append('otel_traces', [row('poison')], 'request-poison');
    await spool.append('otel_traces', [row('good')], 'request-good');
    const log: string[] = [];
    const errors: Array<Record<string, unknown>> = [];
    const quarantined: string[] = [];
    const { writer, attempts } = recordingWriter(log, 'otel_traces', (id) =>
      id === 'poison' ? new RejectedByStorageError('storage refused the data') : undefined,
    );
    const replayer = replayerOver({
      spool,
      writers: new Map([['otel_traces', writer]]),
      logger: { ...quiet, error: (_msg, fields = {}) => errors.push({ ...fields }) },
      onQuarantined: (table, reason) => quarantined.push(`${table}:${reason}`),
    });
    replayer.start();
    await waitFor(() => spool.isEmpty, 'the spool to drain');
    await replayer.stop();
    await spool.close();
    assert.deepEqual(log, ['otel_traces:good']);
    assert.equal(attempts.get('poison'), 1, 'a refusal is not retried');
    assert.deepEqual(quarantined, ['otel_traces:rejected']);
    const [letter, ...more] = await deadLetters();
    assert.deepEqual(more, []);
    assert.deepEqual(
      { ...letter, quarantinedAt: typeof letter!['quarantinedAt'], spooledAt: typeof letter!['spooledAt'] },
      {
        version: 1,
        quarantinedAt: 'string',
        reason: 'rejected',
        error: 'RejectedByStorageError: storage refused the data',
        attempts: 1,
        requestId: 'request-poison',
        table: 'otel_traces',
        spooledAt: 'string',
        rowCount: 1,
        rows: [row('poison')],
      },
    );
    assert.deepEqual(
      errors.map(({ requestId, table, rows, deadLetter }) => ({
        requestId,
        table,
        rows,
        deadLetter: typeof deadLetter,
      })),
      [{ requestId: 'request-poison', table: 'otel_traces', rows: 1, deadLetter: 'string' }],
    );
  });

  it('quarantines a record that keeps failing for a reason of its own after maxAttempts, and goes on', async () => {
    const previous = await openSpool(120);
    for (const id of ['a', 'broken', 'b', 'c'])
      await previous.append('otel_traces', [row(id)], `request-${id}`);
    await previous.close();
    const spool = await openSpool(120);
    const log: string[] = [];
    const errors: Array<Record<string, unknown>> = [];
    const { writer } = recordingWriter(log, 'otel_traces', (id) =>
      id === 'broken'
        ? new TypeError("Cannot read properties of undefined (reading 'Timestamp')")
        : undefined,
    );
    const replayer = replayerOver({
      spool,
      writers: new Map([['otel_traces', writer]]),
      maxAttempts: 4,
      logger: { ...quiet, error: (_msg, fields = {}) => errors.push({ ...fields }) },
    });
    replayer.start();
    await waitFor(() => spool.isEmpty, 'the spool to drain');
    await spool.append('otel_traces', [row('later')], 'request-later');
    await waitFor(() => spool.isEmpty && log.includes('otel_traces:later'), 'a later record to be replayed');
    await replayer.stop();
    await spool.close();
    assert.deepEqual(log, ['otel_traces:a', 'otel_traces:b', 'otel_traces:c', 'otel_traces:later']);
    assert.deepEqual(
      (await deadLetters()).map(({ requestId, reason, attempts: tries, rows }) => ({
        requestId,
        reason,
        tries,
        rows,
      })),
      [{ requestId: 'request-broken', reason: 'failed', tries: 4, rows: [row('broken')] }],
    );
    assert.deepEqual(
      errors.map(({ requestId, attempts: tries, error }) => ({ requestId, tries, error })),
      [
        {
          requestId: 'request-broken',
          tries: 4,
          error: "TypeError: Cannot read properties of undefined (reading 'Timestamp')",
        },
      ],
    );
  });

  it('never quarantines for an outage, however long it lasts and whatever form it takes', async () => {
    const spool = await openSpool();
    await spool.append('otel_logs', [row('patient')]);
    const outages = [
      ...Array.from(
        { length: 10 },
        () => new StorageUnavailableError('ClickHouse is unavailable: ECONNREFUSED'),
      ),
      new BackpressureError('too much is queued', 1),
      new ClickHouseQueryError('Too many parts', 252, 'TOO_MANY_PARTS'),
      new ShuttingDownError('the collector is shutting down'),
    ];
    const log: string[] = [];
    const { writer } = recordingWriter(log, 'otel_logs', () => outages.shift());
    const replayer = replayerOver({ spool, writers: new Map([['otel_logs', writer]]), maxAttempts: 2 });
    replayer.start();
    await waitFor(() => spool.isEmpty, 'the spool to drain');
    await replayer.stop();
    await spool.close();
    assert.deepEqual(log, ['otel_logs:patient']);
    assert.deepEqual(await deadLetters(), []);
  });

  it('tries records that failed together alone, so only the culprit is quarantined', async () => {
    const spool = await openSpool();
    const ids = ['a', 'b', 'culprit', 'c', 'd'];
    for (const id of ids) await spool.append('otel_traces', [row(id)]);
    // Like the batch writer, it merges the writes made together into one insert, which a
    // JS error preparing one row fails as a whole.
    const stored: string[] = [];
    let batch: Array<{ id: string; settle: (error?: Error) => void }> = [];
    const writer: RowWriter = {
      write: (rows) =>
        new Promise<void>((resolve, reject) => {
          if (batch.length === 0) {
            setImmediate(() => {
              const insert = batch;
              batch = [];
              const failure = insert.some(({ id }) => id === 'culprit')
                ? new TypeError('bad row')
                : undefined;
              for (const each of insert) each.settle(failure);
              if (!failure) stored.push(...insert.map(({ id }) => id));
            });
          }
          batch.push({ id: (rows[0] as Row).id, settle: (error) => (error ? reject(error) : resolve()) });
        }),
    };
    const replayer = replayerOver({ spool, writers: new Map([['otel_traces', writer]]) });
    replayer.start();
    await waitFor(() => spool.isEmpty, 'the spool to drain');
    await replayer.stop();
    await spool.close();
    assert.deepEqual(stored.sort(), ['a', 'b', 'c', 'd']);
    assert.deepEqual(
      (await deadLetters()).map(({ rows }) => rows),
      [[row('culprit')]],
    );
  });

  it('keeps a record in the spool while its dead letter cannot be written, and quarantines it once it can', async () => {
    const spool = await openSpool();
    await spool.append('otel_traces', [row('poison')]);
    // A file where the dead-letter directory should be: writing a dead letter fails.
    await writeFile(deadLetterDir(), 'in the way');
    const replayer = replayerOver({
      spool,
      writers: new Map([
        [
          'otel_traces',
          recordingWriter([], 'otel_traces', () => new RejectedByStorageError('storage refused the data'))
            .writer,
        ],
      ]),
    });
    replayer.start();
    await waitFor(() => replayer.outage !== undefined, 'the dead letter to fail');
    assert.equal(spool.records, 1);
    await rm(deadLetterDir());
    await waitFor(() => spool.isEmpty, 'the spool to drain');
    await replayer.stop();
    await spool.close();
    assert.equal((await deadLetters()).length, 1);
  });

  it('stops while storage is down and leaves the records on disk for the next start', async () => {
    const spool = await openSpool();
    await spool.append('otel_traces', [row('kept')]);
    const replayer = replayerOver({
      spool,
      writers: new Map([
        ['otel_traces', recordingWriter([], 'otel_traces', () => new StorageUnavailableError('down')).writer],
      ]),
      retryDelayMs: 10_000,
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
