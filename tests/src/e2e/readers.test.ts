import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

const MAX_READS = 2;
const MAX_EXECUTION_SECONDS = 4;
const MAX_RESULT_BYTES = 1024 * 1024;
const MAX_MEMORY_BYTES = 128 * 1024 * 1024;

/** Two seconds of waiting in the engine, in one block (sleepEachRow's limit is 3 s a block). */
const SLOW_READ = 'SELECT sleepEachRow(0.25) FROM numbers(8)';
/** Work that outlasts any limit here: it ends when it is stopped. */
const ENDLESS_READ = 'SELECT count() FROM numbers(1000000000000) WHERE sipHash64(number) = 1';

function read(collector: TestCollector, sql: string, init: { signal?: AbortSignal; query?: string } = {}) {
  return fetch(`${collector.url}/clickhouse/${init.query ?? ''}`, {
    method: 'POST',
    body: sql,
    signal: init.signal,
  });
}

function spanRequest(service: string, attributeBytes = 10) {
  const now = BigInt(Date.now()) * 1_000_000n;
  const traceId = randomBytes(16).toString('hex');
  const span = (name: string) => ({
    traceId,
    spanId: randomBytes(8).toString('hex'),
    name,
    kind: 1,
    startTimeUnixNano: String(now),
    endTimeUnixNano: String(now + 1_000_000n),
    attributes: [{ key: 'payload', value: { stringValue: 'p'.repeat(attributeBytes) } }],
  });
  const body = JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [{ scope: { name: 'readers-test' }, spans: [span('first'), span('second')] }],
      },
    ],
  });
  return { traceId, body };
}

async function ingest(collector: TestCollector, body: string): Promise<number> {
  const response = await fetch(`${collector.url}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

describe('readers cannot take what writers need', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector({
      RAGTRACE_MAX_CONCURRENT_READS: String(MAX_READS),
      RAGTRACE_READ_MAX_EXECUTION_SECONDS: String(MAX_EXECUTION_SECONDS),
      RAGTRACE_READ_MAX_RESULT_BYTES: String(MAX_RESULT_BYTES),
      RAGTRACE_READ_MAX_MEMORY_BYTES: String(MAX_MEMORY_BYTES),
    });
  });
  after(async () => collector.stop());

  it('runs at most RAGTRACE_MAX_CONCURRENT_READS reads at once, refuses the next at once with 429, and never refuses ingest', async () => {
    const slow = Array.from({ length: MAX_READS }, () => read(collector, SLOW_READ));
    // The slow ones hold both slots from before their checks run.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const refusedAt = performance.now();
    const refused = await read(collector, 'SELECT 1');
    const refusedAfterMs = performance.now() - refusedAt;
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '1');
    assert.equal(refused.headers.get('x-clickhouse-exception-code'), '202');
    assert.match(
      await refused.text(),
      /more than 2 read queries in flight.*\(TOO_MANY_SIMULTANEOUS_QUERIES\)/s,
    );
    assert.ok(refusedAfterMs < 1000, `refused in ${refusedAfterMs.toFixed(0)} ms, not queued`);

    const api = await fetch(`${collector.url}/api/runs`);
    assert.equal(api.status, 429, 'JSON API reads share the same slots');
    assert.equal(api.headers.get('retry-after'), '1');
    assert.match(((await api.json()) as { error: { message: string } }).error.message, /read queries/);

    assert.equal(await ingest(collector, spanRequest('readers-busy').body), 200, 'ingest is not a reader');

    for (const response of await Promise.all(slow)) {
      assert.equal(response.status, 200);
      assert.equal((await response.text()).split('\n').filter(Boolean).length, 8);
    }
    const afterwards = await read(collector, 'SELECT 1');
    assert.equal(await afterwards.text(), '1\n', 'the slots are free again once the reads end');
  });

  it('stops a read after RAGTRACE_READ_MAX_EXECUTION_SECONDS, and a caller may lower the limit but not raise it', async () => {
    const started = performance.now();
    const stopped = await read(collector, ENDLESS_READ);
    const seconds = (performance.now() - started) / 1000;
    assert.equal(stopped.headers.get('x-clickhouse-exception-code'), '159');
    assert.match(await stopped.text(), /maximum: 4000 ms.*\(TIMEOUT_EXCEEDED\)/s);
    assert.ok(seconds < MAX_EXECUTION_SECONDS + 3, `stopped after ${seconds.toFixed(1)} s`);

    const lowered = await read(collector, ENDLESS_READ, { query: '?max_execution_time=1' });
    assert.match(await lowered.text(), /maximum: 1000 ms.*\(TIMEOUT_EXCEEDED\)/s);
    const raised = await read(collector, 'SELECT 1', { query: '?max_execution_time=60' });
    assert.equal(raised.headers.get('x-clickhouse-exception-code'), '452');
    assert.match(await raised.text(), /\(SETTING_CONSTRAINT_VIOLATION\)/);
  });

  it('refuses a result larger than RAGTRACE_READ_MAX_RESULT_BYTES, and one made of constants at RAGTRACE_READ_MAX_MEMORY_BYTES, without holding either', async () => {
    // A gigabyte of result each, were it allowed. The engine counts a constant column once per
    // block against max_result_bytes, so the second is stopped by the memory limit instead.
    for (const [sql, code, name] of [
      ['SELECT repeat(toString(number % 10), 1000) FROM numbers(1000000)', '396', 'TOO_MANY_ROWS_OR_BYTES'],
      ["SELECT repeat('x', 1000) FROM numbers(1000000)", '241', 'MEMORY_LIMIT_EXCEEDED'],
    ] as const) {
      const rssBefore = process.memoryUsage().rss;
      const huge = await read(collector, sql);
      const grownMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
      assert.equal(huge.headers.get('x-clickhouse-exception-code'), code, sql);
      assert.match(await huge.text(), new RegExp(`\\(${name}\\)`));
      assert.ok(
        grownMb < 2 * (MAX_MEMORY_BYTES / 1024 / 1024),
        `${sql}: the collector grew by ${grownMb.toFixed(0)} MB`,
      );
    }
  });

  it('runs the JSON API reads under the same limits', async () => {
    // Two spans of 600 kB each: one trace over the 1 MB result limit.
    const { traceId, body } = spanRequest('readers-big-trace', 600 * 1024);
    assert.equal(await ingest(collector, body), 200);
    const response = await fetch(`${collector.url}/api/traces/${traceId}`);
    assert.notEqual(response.status, 200);
    assert.match(await response.text(), /TOO_MANY_ROWS_OR_BYTES|Limit for result exceeded/);

    const small = spanRequest('readers-small-trace');
    assert.equal(await ingest(collector, small.body), 200);
    const fine = await fetch(`${collector.url}/api/traces/${small.traceId}`);
    assert.equal(fine.status, 200);
  });

  it('stops the engine working for a reader who hung up, and frees its slot only then', async () => {
    const controllers = Array.from({ length: MAX_READS }, () => new AbortController());
    const hungUp = controllers.map((controller) =>
      read(collector, ENDLESS_READ, { signal: controller.signal }).catch((error: Error) => error.name),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal((await read(collector, 'SELECT 1')).status, 429, 'both slots taken');
    const abortedAt = performance.now();
    for (const controller of controllers) controller.abort();
    assert.deepEqual(await Promise.all(hungUp), ['AbortError', 'AbortError']);
    // Had the engine gone on, the slots would stay taken until the 4-second limit stopped it.
    let admittedAfterMs: number | undefined;
    while (admittedAfterMs === undefined) {
      const response = await read(collector, 'SELECT 1');
      await response.arrayBuffer();
      if (response.status === 200) admittedAfterMs = performance.now() - abortedAt;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(
      admittedAfterMs < 2500,
      `a read was admitted ${admittedAfterMs.toFixed(0)} ms after the hang-up`,
    );
    const running = await read(
      collector,
      "SELECT count() FROM system.processes WHERE query LIKE '%sipHash64(number) = 1%' AND query NOT LIKE '%system.processes%'",
    );
    assert.equal(await running.text(), '0\n', 'no stopped query is still running');
  });
});
