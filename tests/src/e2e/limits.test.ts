import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { ATTR_RAGTRACE_DROPPED_ATTRIBUTES_COUNT } from '@ragtrace/semconv';
import { rawConnection, until } from '../support/raw-connection.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

const HEADERS_TIMEOUT_MS = 300;
const REQUEST_TIMEOUT_MS = 800;
/** Node checks timeouts on an interval; this is how late past the limit a cut-off may come. */
const SLACK_MS = 1500;

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

function tracesJson(
  service: string,
  spans: number,
  attributesPerSpan = 0,
  valueOf = (a: number) => `v${a}`,
): string {
  const now = BigInt(Date.now()) * 1_000_000n;
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [
          {
            scope: { name: 'limits-test' },
            spans: Array.from({ length: spans }, (_, i) => ({
              traceId: hex(16),
              spanId: hex(8),
              name: `span-${i}`,
              kind: 1,
              startTimeUnixNano: String(now),
              endTimeUnixNano: String(now + 1000n),
              attributes: Array.from({ length: attributesPerSpan }, (_, a) => ({
                key: `attr.${String.fromCharCode(97 + a)}`,
                value: { stringValue: valueOf(a) },
              })),
            })),
          },
        ],
      },
    ],
  });
}

const postTraces = (url: string, body: string) =>
  fetch(`${url}/v1/traces`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

describe('collector limits', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector({
      RAGTRACE_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      RAGTRACE_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      RAGTRACE_MAX_SPANS_PER_REQUEST: '5',
      RAGTRACE_MAX_ATTRIBUTES_PER_SPAN: '3',
      RAGTRACE_MAX_ATTRIBUTE_VALUE_LENGTH: '64',
    });
  });
  after(() => collector.stop());

  it('answers 408 and closes a client that dribbles its headers, while serving others', async () => {
    const slow = await rawConnection(collector.url);
    slow.socket.write('POST /v1/traces HTTP/1.1\r\n');
    const dribble = setInterval(() => slow.socket.write('x'), 50);
    try {
      const other = await postTraces(collector.url, tracesJson('beside-slowloris', 1));
      assert.equal(other.status, 200);
      const closedAfterMs = await slow.closed;
      assert.ok(closedAfterMs < HEADERS_TIMEOUT_MS + SLACK_MS, `closed only after ${closedAfterMs} ms`);
      assert.ok(closedAfterMs >= HEADERS_TIMEOUT_MS, `closed too early, after ${closedAfterMs} ms`);
      assert.match(slow.received(), /^HTTP\/1\.1 408/);
    } finally {
      clearInterval(dribble);
    }
  });

  it('answers 408 and closes a client whose body stalls', async () => {
    const stalled = await rawConnection(collector.url);
    stalled.socket.write(
      'POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"resour',
    );
    const closedAfterMs = await stalled.closed;
    assert.ok(closedAfterMs < REQUEST_TIMEOUT_MS + SLACK_MS, `closed only after ${closedAfterMs} ms`);
    assert.match(stalled.received(), /^HTTP\/1\.1 408/);
    assert.equal((await postTraces(collector.url, tracesJson('after-stall', 1))).status, 200);
  });

  it('keeps a keep-alive connection open across requests idle longer than the headers timeout', async () => {
    const client = await rawConnection(collector.url);
    const body = tracesJson('keep-alive', 1);
    const request = `POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const answered = () => client.received().match(/HTTP\/1\.1 200/g)?.length ?? 0;
    client.socket.write(request);
    await until(() => answered() === 1, 5000);
    await new Promise((resolve) => setTimeout(resolve, HEADERS_TIMEOUT_MS * 2));
    client.socket.write(request);
    await until(() => answered() === 2, 5000);
    client.socket.destroy();
  });

  it('refuses a request with more spans than the limit with 413 and a clear message', async () => {
    const refused = await postTraces(collector.url, tracesJson('too-many-spans', 6));
    assert.equal(refused.status, 413);
    assert.match(await refused.text(), /6 spans, more than the limit of 5/);
    assert.equal((await postTraces(collector.url, tracesJson('enough-spans', 5))).status, 200);
  });

  it('keeps a span with too many attributes, dropping the excess and counting it', async () => {
    const response = await postTraces(collector.url, tracesJson('many-attributes', 1, 5));
    assert.equal(response.status, 200);
    const result = await collector.sql.query({
      query: 'SELECT SpanAttributes FROM otel.otel_traces WHERE ServiceName = {s:String}',
      query_params: { s: 'many-attributes' },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ SpanAttributes: Record<string, string> }>();
    assert.ok(row, 'the span is stored');
    assert.equal(row.SpanAttributes[ATTR_RAGTRACE_DROPPED_ATTRIBUTES_COUNT], '2');
    assert.equal(row.SpanAttributes['attr.a'], 'v0');
    assert.equal(row.SpanAttributes['attr.d'], undefined);
    assert.equal(row.SpanAttributes['attr.e'], undefined);
  });

  it('stores a span whose attribute value is too long, the value cut and marked', async () => {
    const response = await postTraces(
      collector.url,
      tracesJson('long-value', 1, 1, () => 'y'.repeat(100)),
    );
    assert.equal(response.status, 200);
    const result = await collector.sql.query({
      query: 'SELECT SpanAttributes FROM otel.otel_traces WHERE ServiceName = {s:String}',
      query_params: { s: 'long-value' },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ SpanAttributes: Record<string, string> }>();
    assert.equal(row?.SpanAttributes['attr.a'], `${'y'.repeat(64)}…[truncated 36 chars]`);
  });
});

// A valid export that gzip shrinks several hundredfold (one long run of one letter), small
// enough for the size limit: only the ratio can tell it from an ordinary export.
const RATIO_BOMB = gzipSync(tracesJson('ratio', 1, 1, () => 'z'.repeat(500_000)));
const postGzip = (url: string, body: Uint8Array) =>
  fetch(`${url}/v1/traces`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
  });

// One describe per collector: chDB holds one data directory per process.
describe('collector decompression ratio limit', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector({ RAGTRACE_MAX_DECOMPRESSION_RATIO: '50' });
  });
  after(() => collector.stop());

  it('refuses with 413 a body that inflates more than the ratio allows; ordinary gzip exports pass', async () => {
    const response = await postGzip(collector.url, RATIO_BOMB);
    assert.equal(response.status, 413);
    assert.match(await response.text(), /inflates more than 50 times its compressed size/);
    const ordinary = gzipSync(tracesJson('ordinary-gzip', 3, 2));
    assert.equal((await postGzip(collector.url, ordinary)).status, 200);
  });
});

describe('collector decompression ratio limit, raised', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector({ RAGTRACE_MAX_DECOMPRESSION_RATIO: '5000' });
  });
  after(() => collector.stop());

  it('accepts the same body under a higher ratio limit', async () => {
    assert.ok(
      RATIO_BOMB.byteLength * 50 < 500_000,
      `compresses ${Math.round(500_000 / RATIO_BOMB.byteLength)}x`,
    );
    assert.equal((await postGzip(collector.url, RATIO_BOMB)).status, 200);
  });
});

describe('collector concurrency limit', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector({
      RAGTRACE_MAX_CONCURRENT_REQUESTS: '1',
      RAGTRACE_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      RAGTRACE_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    });
  });
  after(() => collector.stop());

  it('answers 429 + Retry-After at once while every slot is busy, for traces and logs, then admits again', async () => {
    const holder = await rawConnection(collector.url);
    holder.socket.write(
      'POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    );
    // The holder's headers are in once the server has started its handler; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const refused = await postTraces(collector.url, tracesJson('refused-while-busy', 1));
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '1');
    assert.ok(Date.now() - started < REQUEST_TIMEOUT_MS, 'refused at once, not queued');
    const logs = await fetch(`${collector.url}/v1/logs`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(logs.status, 429, 'the cap counts every OTLP signal together');
    await holder.closed;
    assert.equal((await postTraces(collector.url, tracesJson('after-busy', 1))).status, 200);
  });
});
