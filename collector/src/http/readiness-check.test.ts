import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StorageUnavailableError } from '../storage/storage-errors.js';
import { createReadinessCheck } from './readiness-check.js';

function countingStorage(ping: () => Promise<void>) {
  const storage = {
    pings: 0,
    ping() {
      storage.pings++;
      return ping();
    },
  };
  return storage;
}

describe('createReadinessCheck', () => {
  it('is ready while storage answers and reuses one answer within the cache period', async () => {
    let clock = 0;
    const storage = countingStorage(async () => {});
    const check = createReadinessCheck(storage, { timeoutMs: 100, cacheMs: 1000, now: () => clock });
    assert.deepEqual(await Promise.all([check(), check()]), [{ ready: true }, { ready: true }]);
    clock = 999;
    await check();
    assert.equal(storage.pings, 1);
    clock = 1000;
    await check();
    assert.equal(storage.pings, 2);
  });

  it('is not ready, with the reason, when the ping fails', async () => {
    const failure = new StorageUnavailableError('ClickHouse did not answer a ping: ECONNREFUSED');
    const check = createReadinessCheck(
      countingStorage(() => Promise.reject(failure)),
      { timeoutMs: 100, cacheMs: 1000 },
    );
    assert.deepEqual(await check(), { ready: false, error: failure });
  });

  it('is not ready when the ping hangs past the timeout', async () => {
    const check = createReadinessCheck(
      countingStorage(() => new Promise(() => {})),
      { timeoutMs: 50, cacheMs: 1000 },
    );
    const started = performance.now();
    const readiness = await check();
    assert.ok(performance.now() - started < 1000);
    assert.equal(readiness.ready, false);
    assert.ok(!readiness.ready && readiness.error instanceof StorageUnavailableError);
    assert.match(String(!readiness.ready && (readiness.error as Error).message), /within 50 ms/);
  });

  it('is not ready while storage fails writes and requests are being spooled, though it answers pings', async () => {
    let outage: unknown = new StorageUnavailableError('ClickHouse is unavailable: TOO_MANY_PARTS');
    const check = createReadinessCheck(
      countingStorage(async () => {}),
      {
        timeoutMs: 100,
        cacheMs: 0,
        writeOutage: () => outage,
      },
    );
    assert.deepEqual(await check(), { ready: false, error: outage });
    outage = undefined;
    assert.deepEqual(await check(), { ready: true });
  });
});
