import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startClickHouseStandIn, type ClickHouseStandIn } from '../support/clickhouse-standin.js';
import { startCollectorProcess } from '../support/collector-process.js';
import { exportSpans, assertExported } from '../support/export-spans.js';
import { recordFixtureSpans } from '../support/span-fixtures.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

interface AccessLine {
  level: string;
  time: string;
  msg: string;
  requestId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  bytesIn: number;
}

function accessLines(collector: TestCollector): AccessLine[] {
  return collector.logLines
    .map((line) => JSON.parse(line) as AccessLine)
    .filter((line) => line.msg === 'request');
}

/** Polls `check` until it holds: /readyz caches its answer for about a second. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never: ${what}`);
}

describe('operating the collector: readiness, logs, metrics', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector();
  });
  after(() => collector.stop());

  it('is live on /healthz and ready on /readyz while embedded storage answers', async () => {
    const health = await fetch(`${collector.url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const ready = await fetch(`${collector.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready' });
  });

  it('logs one JSON line per request with its id, echoed in X-Request-Id', async () => {
    const spans = await recordFixtureSpans('operating-logs');
    assertExported(await exportSpans(collector.url, spans, 'protobuf', false));
    const response = await fetch(`${collector.url}/api/traces/0123456789abcdef0123456789abcdef`, {
      headers: { 'x-request-id': 'client-chosen-id' },
    });
    await response.arrayBuffer();
    assert.equal(response.headers.get('x-request-id'), 'client-chosen-id');
    const made = await fetch(`${collector.url}/no/such/path`);
    await made.arrayBuffer();
    const madeId = made.headers.get('x-request-id');
    assert.ok(madeId !== null && madeId.length > 0);

    const query = await fetch(`${collector.url}/clickhouse/`, { method: 'POST', body: 'SELECT 1' });
    await query.arrayBuffer();

    const lines = accessLines(collector);
    const sized = lines.find((line) => line.requestId === query.headers.get('x-request-id'));
    assert.ok(sized);
    assert.equal(sized.bytesIn, 'SELECT 1'.length);
    const otlp = lines.find((line) => line.route === '/v1/traces');
    assert.ok(otlp, collector.logLines.join(''));
    assert.equal(otlp.level, 'info');
    assert.equal(otlp.method, 'POST');
    assert.equal(otlp.status, 200);
    // The exporter sends a chunked body: the count comes from reading it, not a header.
    assert.ok(otlp.bytesIn > 100, JSON.stringify(otlp));
    assert.ok(otlp.durationMs >= 0);
    assert.ok(!Number.isNaN(Date.parse(otlp.time)));
    const chosen = lines.find((line) => line.requestId === 'client-chosen-id');
    assert.ok(chosen);
    assert.equal(chosen.route, '/api/traces/:traceId');
    assert.equal(chosen.status, 404);
    const unmatched = lines.find((line) => line.requestId === madeId);
    assert.ok(unmatched);
    assert.equal(unmatched.route, 'unmatched');
    assert.equal(unmatched.bytesIn, 0);
  });

  it('logs one error line for a 500, with its request id and cause', async () => {
    // ClickHouse answers a write refused by a read-only session with 500 (READONLY).
    const response = await fetch(`${collector.url}/clickhouse/`, {
      method: 'POST',
      body: "INSERT INTO otel.genai_model_prices (Provider) VALUES ('x')",
      headers: { 'x-request-id': 'read-only-insert' },
    });
    assert.equal(response.status, 500, await response.text());
    assert.equal(response.headers.get('x-request-id'), 'read-only-insert', 'errors carry the id too');
    const errors = collector.logLines
      .map((line) => JSON.parse(line) as { level: string; msg: string; requestId?: string; error?: string })
      .filter((line) => line.level === 'error');
    assert.equal(errors.length, 1, collector.logLines.join(''));
    assert.equal(errors[0]!.msg, 'internal error');
    assert.equal(errors[0]!.requestId, 'read-only-insert');
    assert.match(errors[0]!.error ?? '', /^ClickHouseQueryError: .*readonly/i);
  });

  it('exposes insert latency and queued rows per table in /metrics', async () => {
    const spans = await recordFixtureSpans('operating-metrics');
    assertExported(await exportSpans(collector.url, spans, 'json', false));
    const metrics = await (await fetch(`${collector.url}/metrics`)).text();
    assert.match(metrics, /^# TYPE ragtrace_insert_duration_seconds histogram$/m);
    const count = /^ragtrace_insert_duration_seconds_count\{table="otel_traces"\} (\d+)$/m.exec(metrics);
    assert.ok(count && Number(count[1]) >= 1, metrics);
    assert.match(metrics, /^ragtrace_insert_duration_seconds_bucket\{table="otel_traces",le="\+Inf"\} \d+$/m);
    assert.match(metrics, /^ragtrace_insert_duration_seconds_sum\{table="otel_traces"\} [\d.e-]+$/m);
    assert.match(metrics, /^# TYPE ragtrace_queued_rows gauge$/m);
    // Everything exported was acknowledged, hence stored: nothing is left queued.
    assert.match(metrics, /^ragtrace_queued_rows\{table="otel_traces"\} 0$/m);
    assert.match(metrics, /^ragtrace_queued_rows\{table="otel_logs"\} 0$/m);
  });
});

describe('operating the collector: /readyz follows a ClickHouse server going away', () => {
  let standIn: ClickHouseStandIn;
  let standInDir: Awaited<ReturnType<typeof makeTempDir>>;
  let collector: TestCollector;
  before(async () => {
    standInDir = await makeTempDir('standin');
    standIn = await startClickHouseStandIn({ dataDir: standInDir.path });
    collector = await startTestCollector({ RAGTRACE_CLICKHOUSE_URL: standIn.url.toString() });
  });
  after(async () => {
    await collector.stop();
    await standInDir.remove();
  });

  it('answers 503 with a reason once the server is gone, while /healthz stays 200', async () => {
    assert.equal((await fetch(`${collector.url}/readyz`)).status, 200);
    // Closing the stand-in leaves a closed loopback port behind: pings are refused.
    await standIn.close();
    let body: unknown;
    await eventually(async () => {
      const response = await fetch(`${collector.url}/readyz`);
      body = await response.json();
      return response.status === 503;
    }, '/readyz answered 503');
    assert.equal((body as { status: string }).status, 'not ready');
    assert.match((body as { reason: string }).reason, /ClickHouse did not answer a ping/);
    assert.equal((await fetch(`${collector.url}/healthz`)).status, 200);
  });
});

describe('operating the collector process: log lines on stderr', () => {
  let dataDir: Awaited<ReturnType<typeof makeTempDir>>;
  before(async () => {
    dataDir = await makeTempDir('logs');
  });
  after(() => dataDir.remove());

  it('writes JSON lines by default, text when RAGTRACE_LOG_FORMAT=text', async () => {
    const json = await startCollectorProcess({ RAGTRACE_DATA_DIR: dataDir.path });
    await (await fetch(`${json.url}/healthz`)).arrayBuffer();
    assert.equal(await json.stop('SIGTERM'), 0, json.stderr());
    const lines = json
      .stderr()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: string; msg: string; url?: string; route?: string });
    assert.equal(lines[0]!.url, json.url);
    assert.match(lines[0]!.msg, /^ragtrace collector listening on http:\/\/\S+ \(embedded ClickHouse/);
    assert.ok(lines.some((line) => line.msg === 'request' && line.route === '/healthz'));
    assert.equal(lines.at(-1)!.msg, 'ragtrace collector stopped');

    const text = await startCollectorProcess({
      RAGTRACE_DATA_DIR: dataDir.path,
      RAGTRACE_LOG_FORMAT: 'text',
    });
    await (await fetch(`${text.url}/healthz`)).arrayBuffer();
    assert.equal(await text.stop('SIGTERM'), 0, text.stderr());
    const textLines = text.stderr().trimEnd().split('\n');
    assert.match(
      textLines[0]!,
      /^\S+Z INFO ragtrace collector listening on http:\/\/\S+ \(embedded ClickHouse.* url=http/,
    );
    assert.ok(
      textLines.some((line) => / INFO request .*route=\/healthz status=200 /.test(line)),
      text.stderr(),
    );
    assert.match(textLines.at(-1)!, / INFO ragtrace collector stopped$/);
  });
});
