import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Storage } from '../storage/storage.js';
import { BatchWriter } from './batch-writer.js';
import { ClickHouseQueryError, StorageUnavailableError } from '../storage/storage-errors.js';
import { BackpressureError, RejectedByStorageError, ShuttingDownError } from './ingest-errors.js';

/** Records inserts; `gate` lets a test hold an insert open to observe what queues behind it. */
function recordingStorage() {
  const inserts: object[][] = [];
  let release: (() => void) | undefined;
  let failNext: Error | undefined;
  const storage = {
    insertRows: async (_table: string, rows: readonly object[]) => {
      if (failNext) {
        const error = failNext;
        failNext = undefined;
        throw error;
      }
      if (release === undefined) {
        await new Promise<void>((resolve) => (release = resolve));
      }
      inserts.push([...rows]);
    },
  } as unknown as Storage;
  return {
    storage,
    inserts,
    open: () => {
      release?.();
      release = () => {};
    },
    failNext: (error: Error) => (failNext = error),
  };
}

const rows = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ id: `${tag}${i}` }));

describe('BatchWriter', () => {
  it('combines many small writes into one insert and resolves each once stored', async () => {
    const fake = recordingStorage();
    fake.open();
    const writer = new BatchWriter({
      storage: fake.storage,
      table: 't',
      maxRows: 1000,
      maxDelayMs: 50,
      maxQueuedRows: 10_000,
    });
    await Promise.all(Array.from({ length: 100 }, (_, i) => writer.write(rows(3, `r${i}-`))));
    assert.equal(fake.inserts.length, 1);
    assert.equal(fake.inserts[0]!.length, 300);
  });

  it('inserts as soon as maxRows are buffered, without waiting for the delay', async () => {
    const fake = recordingStorage();
    fake.open();
    const writer = new BatchWriter({
      storage: fake.storage,
      table: 't',
      maxRows: 10,
      maxDelayMs: 60_000,
      maxQueuedRows: 10_000,
    });
    await writer.write(rows(10, 'a'));
    assert.equal(fake.inserts.length, 1);
  });

  it('does not resolve a write before its insert finishes', async () => {
    const fake = recordingStorage();
    const writer = new BatchWriter({
      storage: fake.storage,
      table: 't',
      maxRows: 1,
      maxDelayMs: 0,
      maxQueuedRows: 100,
    });
    let stored = false;
    const write = writer.write(rows(1, 'a')).then(() => (stored = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(stored, false, 'acknowledged before storage finished');
    fake.open();
    await write;
    assert.equal(stored, true);
  });

  it('fails every write of an insert storage is unavailable for, without retrying any alone', async () => {
    const fake = recordingStorage();
    fake.open();
    fake.failNext(new StorageUnavailableError('ClickHouse is unavailable: connect ECONNREFUSED'));
    const writer = new BatchWriter({
      storage: fake.storage,
      table: 't',
      maxRows: 100,
      maxDelayMs: 10,
      maxQueuedRows: 1000,
    });
    const results = await Promise.allSettled([writer.write(rows(2, 'a')), writer.write(rows(2, 'b'))]);
    for (const result of results) {
      assert.ok(result.status === 'rejected' && result.reason instanceof StorageUnavailableError);
    }
    assert.deepEqual(fake.inserts, [], 'no write was retried alone: none of them is at fault');
    await writer.write(rows(1, 'c'));
    assert.deepEqual(fake.inserts, [[{ id: 'c0' }]]);
  });

  it('refuses writes beyond maxQueuedRows with a retryable BackpressureError', async () => {
    const fake = recordingStorage(); // insert held open: rows stay queued
    const writer = new BatchWriter({
      storage: fake.storage,
      table: 't',
      maxRows: 5,
      maxDelayMs: 0,
      maxQueuedRows: 8,
    });
    const first = writer.write(rows(5, 'a'));
    await assert.rejects(writer.write(rows(4, 'b')), BackpressureError);
    fake.open();
    await first;
    assert.equal(writer.queuedRows, 0);
  });

  it('close stores everything accepted and then refuses new writes', async () => {
    const fake = recordingStorage();
    fake.open();
    const writer = new BatchWriter({
      storage: fake.storage,
      table: 't',
      maxRows: 1000,
      maxDelayMs: 60_000,
      maxQueuedRows: 10_000,
    });
    const pending = [writer.write(rows(2, 'a')), writer.write(rows(3, 'b'))];
    await writer.close();
    await Promise.all(pending);
    assert.equal(fake.inserts.flat().length, 5);
    await assert.rejects(writer.write(rows(1, 'c')), ShuttingDownError);
  });

  /**
   * Storage that stores every batch, except that `error` is thrown for a batch holding a poison
   * row: by the insert itself, or by the look-up (dropStored) before it.
   */
  function poisonedStorage(where: 'insert' | 'look-up', error: Error) {
    const stored: object[][] = [];
    const poisoned = (batch: readonly object[]) =>
      batch.some((row) => (row as { id: string }).id.startsWith('poison'));
    const storage = {
      insertRows: async (_table: string, batch: readonly object[]) => {
        if (where === 'insert' && poisoned(batch)) throw error;
        stored.push([...batch]);
      },
    } as unknown as Storage;
    const dropStored = async (batch: readonly object[]) => {
      if (where === 'look-up' && poisoned(batch)) throw error;
      return batch;
    };
    return { stored, storage, dropStored };
  }

  for (const [where, error] of [
    ['insert', new ClickHouseQueryError('Cannot parse input', 27, 'CANNOT_PARSE_INPUT_ASSERTION_FAILED')],
    ['insert', new TypeError('Do not know how to serialize a BigInt')],
    ['look-up', new URIError('URI malformed')],
    ['look-up', new TypeError("Cannot read properties of undefined (reading 'x')")],
  ] as const) {
    it(`isolates a write whose rows make the ${where} throw a ${error.name}: the other writes of its batch are stored`, async () => {
      const { stored, storage, dropStored } = poisonedStorage(where, error);
      const writer = new BatchWriter({
        storage,
        table: 't',
        maxRows: 1000,
        maxDelayMs: 20,
        maxQueuedRows: 1000,
        dropStored,
      });
      const [good, poison, alsoGood] = await Promise.allSettled([
        writer.write(rows(2, 'a')),
        writer.write(rows(1, 'poison')),
        writer.write(rows(3, 'b')),
      ]);
      assert.equal(good.status, 'fulfilled');
      assert.equal(alsoGood.status, 'fulfilled');
      assert.ok(poison.status === 'rejected' && poison.reason instanceof RejectedByStorageError);
      assert.ok(poison.reason.message.includes(error.message), poison.reason.message);
      assert.equal(poison.reason.cause, error);
      assert.equal(stored.flat().length, 5);
      assert.equal(writer.queuedRows, 0);
    });
  }

  it('refuses a write alone in its batch that fails other than by an outage as RejectedByStorageError', async () => {
    const { storage, dropStored } = poisonedStorage('look-up', new URIError('URI malformed'));
    const writer = new BatchWriter({
      storage,
      table: 't',
      maxRows: 1,
      maxDelayMs: 0,
      maxQueuedRows: 1000,
      dropStored,
    });
    await assert.rejects(writer.write(rows(1, 'poison')), RejectedByStorageError);
    await writer.write(rows(1, 'a'));
  });

  it('reports how long each insert took, failed ones included', async () => {
    const seconds: number[] = [];
    let fail = false;
    const storage = {
      insertRows: async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        if (fail) throw new StorageUnavailableError('connection refused');
      },
    } as unknown as Storage;
    const writer = new BatchWriter({
      storage,
      table: 't',
      maxRows: 1,
      maxDelayMs: 0,
      maxQueuedRows: 1000,
      observeInsertSeconds: (value) => seconds.push(value),
    });
    await writer.write(rows(1, 'a'));
    fail = true;
    await assert.rejects(writer.write(rows(1, 'b')), /connection refused/);
    assert.equal(seconds.length, 2);
    for (const value of seconds) assert.ok(value >= 0.025 && value < 5, `${value} s`);
  });

  it('fails a batch ClickHouse refuses only for now (TOO_MANY_PARTS) as unavailable, without blaming any write', async () => {
    let inserts = 0;
    const storage = {
      insertRows: async () => {
        inserts++;
        throw new ClickHouseQueryError('Too many parts (300)', 252, 'TOO_MANY_PARTS');
      },
    } as unknown as Storage;
    const writer = new BatchWriter({
      storage,
      table: 't',
      maxRows: 1000,
      maxDelayMs: 5,
      maxQueuedRows: 1000,
    });
    const results = await Promise.allSettled([writer.write(rows(2, 'a')), writer.write(rows(1, 'b'))]);
    for (const result of results) {
      assert.ok(result.status === 'rejected' && result.reason instanceof StorageUnavailableError);
    }
    assert.equal(inserts, 1, 'no write is retried alone: none of them is at fault');
  });

  it('leaves out what dropStored says storage already holds, and skips an insert left empty', async () => {
    const fake = recordingStorage();
    fake.open();
    const writer = new BatchWriter({
      storage: fake.storage,
      table: 't',
      maxRows: 1000,
      maxDelayMs: 5,
      maxQueuedRows: 1000,
      dropStored: async (batch) => batch.filter((row) => !(row as { id: string }).id.startsWith('old')),
    });
    await writer.write([...rows(2, 'old'), ...rows(1, 'new')]);
    await writer.write(rows(3, 'old'));
    assert.deepEqual(fake.inserts, [rows(1, 'new')]);
  });
});
