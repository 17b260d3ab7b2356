import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogIngestor } from '../ingest/log-ingestor.js';
import type { TraceIngestor } from '../ingest/trace-ingestor.js';
import { createLogger } from '../logging/logger.js';
import { CollectorMetrics } from '../metrics/index.js';
import { OtlpDecodeError } from '../otlp/index.js';
import { StorageUnavailableError } from '../storage/storage-errors.js';
import type { Storage } from '../storage/storage.js';
import { createApp } from './create-app.js';

/** A bug two causes deep, as the collector's own failures are: what the error line must spell out. */
const bug = () =>
  new TypeError("Cannot read properties of undefined (reading 'rows')", {
    cause: new Error('look-up answer cut short', { cause: new RangeError('offset is out of bounds') }),
  });

/** The collector's app over parts that fail as `failure()` says, its log lines kept. */
function appFailingWith(failure: () => Error) {
  const fail = () => Promise.reject(failure());
  const storage = {
    kind: 'embedded',
    database: 'otel',
    command: fail,
    queryRows: fail,
    insertRows: fail,
    rawQuery: fail,
    ping: fail,
    close: async () => {},
  } as Storage;
  const lines: Array<Record<string, unknown>> = [];
  const app = createApp({
    storage,
    metrics: new CollectorMetrics(),
    ingestor: { ingest: fail } as unknown as TraceIngestor,
    logIngestor: { ingest: fail, store: fail } as unknown as LogIngestor,
    maxBodyBytes: 1024 * 1024,
    maxDecompressionRatio: 100,
    maxConcurrentRequests: 8,
    maxConcurrentReads: 4,
    readLimits: { maxExecutionTimeSeconds: 30, maxResultBytes: 1 << 20, maxMemoryUsageBytes: 1 << 30 },
    logger: createLogger({
      format: 'json',
      level: 'info',
      write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    }),
    authenticator: { mode: 'off' },
  });
  return { app, errorLines: () => lines.filter((line) => line.level === 'error') };
}

const REQUESTS: Array<[route: string, init: RequestInit & { path: string }]> = [
  [
    '/v1/traces',
    { path: '/v1/traces', method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } },
  ],
  [
    '/v1/logs',
    { path: '/v1/logs', method: 'POST', body: '{}', headers: { 'content-type': 'application/x-protobuf' } },
  ],
  ['/api/runs', { path: '/api/runs', method: 'GET' }],
  ['/clickhouse/', { path: '/clickhouse/', method: 'POST', body: 'SELECT 1' }],
];

describe('every 500 writes one error line with the request id and the cause', () => {
  for (const [route, { path, ...init }] of REQUESTS) {
    it(`${init.method} ${route}`, async () => {
      const { app, errorLines } = appFailingWith(bug);
      const response = await app.request(path, {
        ...init,
        headers: { ...init.headers, 'x-request-id': 'req-42' },
      });
      assert.equal(response.status, 500, await response.text());
      const lines = errorLines();
      assert.equal(lines.length, 1, JSON.stringify(lines));
      const [line] = lines;
      assert.equal(line!.msg, 'internal error');
      assert.equal(line!.requestId, 'req-42');
      assert.equal(line!.method, init.method);
      assert.equal(
        line!.error,
        "TypeError: Cannot read properties of undefined (reading 'rows') ← caused by Error: look-up answer cut short ← caused by RangeError: offset is out of bounds",
      );
      assert.match(String(line!.stack), /^TypeError: Cannot read properties/);
    });
  }

  it('and none for answers that are not 500: refusals and outages are the client’s to handle', async () => {
    for (const failure of [
      () => new OtlpDecodeError('invalid OTLP/JSON: expected an object'),
      () => new StorageUnavailableError('ClickHouse is unavailable'),
    ]) {
      const { app, errorLines } = appFailingWith(failure);
      for (const [, { path, ...init }] of REQUESTS) {
        const response = await app.request(path, init);
        assert.notEqual(response.status, 500, `${path}: ${await response.text()}`);
      }
      assert.deepEqual(errorLines(), []);
    }
  });
});
