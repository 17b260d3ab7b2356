import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  eachOnce,
  metricValue,
  postTraces,
  spanRequest,
  storedCopies,
  traceIdOf,
  waitUntil,
} from '../support/delivery-checks.js';
import { withStorageFaults, type FaultyStorage } from '../support/faulty-storage.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

const SPANS_PER_REQUEST = 2;

/** The spool in embedded mode, with faults injected into chDB storage by a wrapper. */
describe('spool: acknowledged means stored, exactly once (embedded mode, injected faults)', () => {
  let storage: FaultyStorage;
  let collector: TestCollector;

  before(async () => {
    collector = await startTestCollector(
      { RAGTRACE_SPOOL_AFTER_MS: '300' },
      { wrapStorage: (opened) => (storage = withStorageFaults(opened)) },
    );
  });
  afterEach(() => storage.setFault('none'));
  after(() => collector.stop());

  const drained = () =>
    waitUntil(
      async () => (await metricValue(collector.url, 'ragtrace_spool_records')) === 0,
      'the spool to drain',
    );

  it('spools traces and logs while storage fails or hangs, and stores them once it recovers', async () => {
    storage.setFault('fail');
    assert.equal((await postTraces(collector.url, spanRequest(1, SPANS_PER_REQUEST))).status, 200);
    const log = await fetch(`${collector.url}/v1/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceLogs: [
          {
            scopeLogs: [
              {
                logRecords: [
                  {
                    timeUnixNano: '1767225600000000000',
                    body: { stringValue: 'spooled log line' },
                    traceId: traceIdOf(1),
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    assert.equal(log.status, 200);
    storage.setFault('hang');
    assert.equal((await postTraces(collector.url, spanRequest(2, SPANS_PER_REQUEST))).status, 200);
    assert.equal(await metricValue(collector.url, 'ragtrace_spool_records'), 3);
    assert.ok((await metricValue(collector.url, 'ragtrace_spool_replay_lag_seconds')) > 0);

    storage.setFault('none');
    await drained();
    assert.deepEqual(await storedCopies(collector.sql, 'otel', [1, 2]), eachOnce([1, 2], SPANS_PER_REQUEST));
    const logs = await collector.sql.query({
      query: `SELECT count() AS n FROM otel.otel_logs WHERE Body = 'spooled log line'`,
      format: 'JSONEachRow',
    });
    assert.deepEqual(
      (await logs.json<{ n: string | number }>()).map((row) => Number(row.n)),
      [1],
    );
    assert.equal(await metricValue(collector.url, 'ragtrace_spool_replay_lag_seconds'), 0);
  });
});
