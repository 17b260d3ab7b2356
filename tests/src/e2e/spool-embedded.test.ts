import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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
/** Storage cannot take this request's rows: their insert fails with a JS error, as a bug preparing them would. */
const POISON_REQUEST = 3;
const isPoison = (row: object) => (row as { TraceId?: string }).TraceId === traceIdOf(POISON_REQUEST);

/** The spool in embedded mode, with faults injected into chDB storage by a wrapper. */
describe('spool: acknowledged means stored, exactly once (embedded mode, injected faults)', () => {
  let storage: FaultyStorage;
  let collector: TestCollector;

  before(async () => {
    collector = await startTestCollector(
      { RAGTRACE_SPOOL_AFTER_MS: '300' },
      {
        wrapStorage: (opened) => {
          const faulty = withStorageFaults(opened);
          storage = faulty;
          return {
            ...faulty,
            insertRows: (table, rows) =>
              rows.some(isPoison)
                ? Promise.reject(new TypeError("Cannot read properties of undefined (reading 'length')"))
                : faulty.insertRows(table, rows),
          };
        },
      },
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

  it('quarantines a spooled request storage cannot take, names its X-Request-Id, and stores the others', async () => {
    storage.setFault('fail');
    const poison = await fetch(`${collector.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'poison-request-1' },
      body: spanRequest(POISON_REQUEST, SPANS_PER_REQUEST),
    });
    assert.equal(poison.status, 200, 'acknowledged from the spool');
    assert.equal((await postTraces(collector.url, spanRequest(4, SPANS_PER_REQUEST))).status, 200);

    storage.setFault('none');
    await drained();
    assert.deepEqual(await storedCopies(collector.sql, 'otel', [4]), eachOnce([4], SPANS_PER_REQUEST));
    assert.equal(
      await metricValue(
        collector.url,
        'ragtrace_spool_quarantined_records_total',
        // The batch writer reports an insert that fails for a reason of its own as a refusal
        // of those rows alone, so the replayer quarantines them at once.
        'table="otel_traces",reason="rejected"',
      ),
      1,
    );
    const lines = collector.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => String(line['msg']).includes('quarantined'));
    assert.deepEqual(
      lines.map(({ level, requestId, table, rows }) => ({ level, requestId, table, rows })),
      [{ level: 'error', requestId: 'poison-request-1', table: 'otel_traces', rows: SPANS_PER_REQUEST }],
    );
    const letter = JSON.parse(await readFile(String(lines[0]!['deadLetter']), 'utf8')) as {
      requestId: string;
      rows: Array<{ SpanId: string }>;
    };
    assert.equal(letter.requestId, 'poison-request-1');
    assert.deepEqual(
      letter.rows.map((row) => row.SpanId),
      [...eachOnce([POISON_REQUEST], SPANS_PER_REQUEST).keys()],
    );
  });
});
