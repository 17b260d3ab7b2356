import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { startClickHouseStandIn, type ClickHouseStandIn } from '../support/clickhouse-standin.js';
import {
  eachOnce,
  metricValue,
  postTraces,
  spanRequest,
  storedCopies,
  traceIdOf,
  waitUntil,
} from '../support/delivery-checks.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

const SPANS_PER_REQUEST = 3;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * The spool in server mode: the collector talks to a ClickHouse stand-in that is made to fail,
 * hang and recover. Each test has a collector (and database) of its own on the shared stand-in.
 */
describe('spool: acknowledged means stored, exactly once (server mode, failing stand-in)', () => {
  let standInDir: Awaited<ReturnType<typeof makeTempDir>>;
  let standIn: ClickHouseStandIn;
  let direct: ClickHouseClient;
  const collectors: TestCollector[] = [];

  before(async () => {
    standInDir = await makeTempDir('spool-standin');
    standIn = await startClickHouseStandIn({ dataDir: standInDir.path });
    direct = createClient({ url: standIn.url, log: { level: ClickHouseLogLevel.OFF } });
  });
  // A failed test must not leave the next one with a broken stand-in.
  afterEach(() => standIn.setFault('none'));
  after(async () => {
    for (const collector of collectors) await collector.stop();
    await direct.close();
    await standIn.close();
    await standInDir.remove();
  });

  const startCollector = async (database: string, env: Record<string, string> = {}) => {
    const collector = await startTestCollector({
      RAGTRACE_CLICKHOUSE_URL: standIn.url.toString(),
      RAGTRACE_DATABASE: database,
      ...env,
    });
    collectors.push(collector);
    return collector;
  };
  const spoolDrained = (collector: TestCollector) =>
    waitUntil(
      async () => (await metricValue(collector.url, 'ragtrace_spool_records')) === 0,
      'the spool to drain',
    );

  it('acknowledges while storage fails, then stores every span once, in order, when it recovers', async () => {
    // One request per insert on replay, so the order of inserts shows in the parts' block numbers.
    const collector = await startCollector('spool_fail', {
      RAGTRACE_BATCH_MAX_ROWS: String(SPANS_PER_REQUEST),
    });
    await direct.command({ query: 'SYSTEM STOP MERGES spool_fail.otel_traces' });
    standIn.setFault('fail');
    const requests = range(1, 10);
    for (const request of requests) {
      const response = await postTraces(collector.url, spanRequest(request, SPANS_PER_REQUEST));
      assert.equal(response.status, 200, `request ${request}: ${await response.text()}`);
    }
    // A client that lost the response to request 4 sends it again: acknowledged again.
    assert.equal((await postTraces(collector.url, spanRequest(4, SPANS_PER_REQUEST))).status, 200);

    assert.equal(await metricValue(collector.url, 'ragtrace_spool_records'), 11);
    assert.equal(
      await metricValue(collector.url, 'ragtrace_spooled_requests_total', 'table="otel_traces"'),
      11,
    );
    assert.ok((await metricValue(collector.url, 'ragtrace_spool_bytes')) > 0);
    await waitUntil(
      async () => (await fetch(`${collector.url}/readyz`)).status === 503,
      '/readyz to say not ready',
    );

    standIn.setFault('none');
    await spoolDrained(collector);
    assert.deepEqual(
      await storedCopies(direct, 'spool_fail', requests),
      eachOnce(requests, SPANS_PER_REQUEST),
    );
    assert.equal(await metricValue(collector.url, 'ragtrace_deduplicated_spans_total'), SPANS_PER_REQUEST);
    await waitUntil(
      async () => (await fetch(`${collector.url}/readyz`)).status === 200,
      '/readyz to say ready',
    );

    // Parts are named partition_minBlock_maxBlock_level; with merges stopped, a later insert
    // has a higher block number.
    const blocks = await direct.query({
      query: `SELECT TraceId, min(toUInt64(splitByChar('_', _part)[2])) AS block
              FROM spool_fail.otel_traces GROUP BY TraceId`,
      format: 'JSONEachRow',
    });
    const blockOf = new Map(
      (await blocks.json<{ TraceId: string; block: string }>()).map((r) => [r.TraceId, Number(r.block)]),
    );
    const order = requests.map((request) => blockOf.get(traceIdOf(request))!);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
      `insert blocks by request: ${order.join(', ')}`,
    );
    assert.ok(new Set(order).size > 1, 'the replay should have taken several inserts');
  });

  it('replays a backlog of hundreds of spans in one go once storage is back, each stored once', async () => {
    // Under load the replay merges the backlog into large inserts; the lookup of spans already
    // stored that precedes each insert must still be a request the server takes.
    const collector = await startCollector('spool_backlog');
    standIn.setFault('fail');
    const requests = range(1, 60);
    const spansPerRequest = 10;
    for (const request of requests) {
      const response = await postTraces(collector.url, spanRequest(request, spansPerRequest));
      assert.equal(response.status, 200, `request ${request}: ${await response.text()}`);
    }
    assert.equal(await metricValue(collector.url, 'ragtrace_spool_records'), requests.length);
    standIn.setFault('none');
    await waitUntil(
      async () => (await metricValue(collector.url, 'ragtrace_spool_records')) === 0,
      'the spool to drain',
      10_000,
    );
    assert.deepEqual(
      await storedCopies(direct, 'spool_backlog', requests),
      eachOnce(requests, spansPerRequest),
    );
  });

  it('acknowledges after RAGTRACE_SPOOL_AFTER_MS while storage hangs, and stores every span once', async () => {
    const collector = await startCollector('spool_hang', { RAGTRACE_SPOOL_AFTER_MS: '300' });
    standIn.setFault('hang');
    const requests = range(1, 3);
    const responses = await Promise.all(
      requests.map((request) => postTraces(collector.url, spanRequest(request, SPANS_PER_REQUEST))),
    );
    assert.deepEqual(
      responses.map((response) => response.status),
      [200, 200, 200],
    );
    await waitUntil(
      async () => (await fetch(`${collector.url}/readyz`)).status === 503,
      '/readyz to say not ready',
    );
    standIn.setFault('none');
    await spoolDrained(collector);
    assert.deepEqual(
      await storedCopies(direct, 'spool_hang', requests),
      eachOnce(requests, SPANS_PER_REQUEST),
    );
  });

  it('refuses with 503 + Retry-After once the spool is full, and loses nothing it acknowledged', async () => {
    const collector = await startCollector('spool_full', { RAGTRACE_SPOOL_MAX_BYTES: '8192' });
    standIn.setFault('refuse');
    const acknowledged: number[] = [];
    let refused: Response | undefined;
    let request = 0;
    while (refused === undefined && request < 50) {
      request++;
      const response = await postTraces(collector.url, spanRequest(request, SPANS_PER_REQUEST, 500));
      if (response.status === 200) acknowledged.push(request);
      else refused = response;
    }
    assert.ok(refused, 'the spool never filled up');
    assert.equal(refused.status, 503);
    assert.ok(Number(refused.headers.get('retry-after')) > 0, 'Retry-After tells the client when to retry');
    assert.ok(acknowledged.length > 0);
    assert.equal(await metricValue(collector.url, 'ragtrace_spool_full_rejections_total'), 1);
    assert.equal(
      await metricValue(collector.url, 'ragtrace_rejected_spans_total', 'reason="spool_full"'),
      SPANS_PER_REQUEST,
    );

    standIn.setFault('none');
    await spoolDrained(collector);
    assert.deepEqual(
      await storedCopies(direct, 'spool_full', [...acknowledged, request]),
      eachOnce(acknowledged, SPANS_PER_REQUEST),
    );
    // The client retries the refused request, and now it is taken.
    assert.equal((await postTraces(collector.url, spanRequest(request, SPANS_PER_REQUEST, 500))).status, 200);
    assert.deepEqual(
      await storedCopies(direct, 'spool_full', [...acknowledged, request]),
      eachOnce([...acknowledged, request], SPANS_PER_REQUEST),
    );
  });

  it('stores a resent identical request once while storage is healthy', async () => {
    const collector = await startCollector('spool_resend');
    const body = spanRequest(1, SPANS_PER_REQUEST);
    assert.equal((await postTraces(collector.url, body)).status, 200);
    assert.equal((await postTraces(collector.url, body)).status, 200);
    assert.deepEqual(await storedCopies(direct, 'spool_resend', [1]), eachOnce([1], SPANS_PER_REQUEST));
    assert.equal(await metricValue(collector.url, 'ragtrace_deduplicated_spans_total'), SPANS_PER_REQUEST);
    assert.equal(await metricValue(collector.url, 'ragtrace_spooled_requests_total'), 0);
  });
});
