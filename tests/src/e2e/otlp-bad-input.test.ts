import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { assertExported, exportSpans } from '../support/export-spans.js';
import { recordFixtureSpans } from '../support/span-fixtures.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

const MAX_BODY_BYTES = 256 * 1024;

describe('collector refuses bad OTLP input with the right status and keeps serving', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector({ RAGTRACE_MAX_BODY_BYTES: String(MAX_BODY_BYTES) });
  });
  after(() => collector.stop());

  const post = (body: Uint8Array | string, headers: Record<string, string>) =>
    fetch(`${collector.url}/v1/traces`, { method: 'POST', body, headers });

  async function assertStillServing(label: string): Promise<void> {
    const spans = await recordFixtureSpans(`after-${label}`);
    assertExported(await exportSpans(collector.url, spans, 'protobuf', false));
    const result = await collector.sql.query({
      query: 'SELECT count() AS n FROM otel.otel_traces WHERE ServiceName = {s:String}',
      query_params: { s: `after-${label}` },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ n: string | number }>();
    assert.equal(Number(row!.n), spans.length);
  }

  it('400 with a message for malformed protobuf, answered in protobuf', async () => {
    const response = await post(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]), {
      'content-type': 'application/x-protobuf',
    });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('content-type'), 'application/x-protobuf');
    const body = Buffer.from(await response.arrayBuffer());
    assert.match(body.toString('latin1'), /protobuf/i, 'google.rpc.Status message names the problem');
    await assertStillServing('bad-protobuf');
  });

  it('400 with a message for malformed JSON, answered in JSON', async () => {
    const response = await post('{"resourceSpans": [', { 'content-type': 'application/json' });
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const status = (await response.json()) as { code: number; message: string };
    assert.ok(status.message.length > 0);
    await assertStillServing('bad-json');
  });

  it('400 for JSON of the wrong shape', async () => {
    const response = await post('{"resourceSpans": {"not": "an array"}}', {
      'content-type': 'application/json',
    });
    assert.equal(response.status, 400);
    const status = (await response.json()) as { message: string };
    assert.match(status.message, /resourceSpans/);
  });

  it('415 for other content types', async () => {
    const response = await post('hello', { 'content-type': 'text/plain' });
    assert.equal(response.status, 415);
    await assertStillServing('wrong-type');
  });

  it('413 for a body over the limit on the wire', async () => {
    const response = await post(new Uint8Array(MAX_BODY_BYTES + 1), {
      'content-type': 'application/x-protobuf',
    });
    assert.equal(response.status, 413);
    await assertStillServing('oversize');
  });

  it('413 for a small gzip body that inflates past the limit (gzip bomb)', async () => {
    // 200 MiB of zeros compress to ~200 KiB: under the wire limit, 800 times over it inflated.
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024));
    assert.ok(bomb.length < MAX_BODY_BYTES);
    const small = gzipSync(Buffer.alloc(8 * MAX_BODY_BYTES)); // fits on the wire, not once inflated
    assert.ok(small.length < MAX_BODY_BYTES);
    const rssBefore = process.memoryUsage().rss;
    const response = await post(small, {
      'content-type': 'application/x-protobuf',
      'content-encoding': 'gzip',
    });
    assert.equal(response.status, 413);
    const bigBomb = await post(bomb, {
      'content-type': 'application/x-protobuf',
      'content-encoding': 'gzip',
    });
    assert.equal(bigBomb.status, 413);
    assert.ok(process.memoryUsage().rss - rssBefore < 100 * 1024 * 1024, 'the bomb was not inflated');
    await assertStillServing('gzip-bomb');
  });

  it('400 for a corrupt gzip body, 415 for an unsupported encoding', async () => {
    const corrupt = await post(new Uint8Array([0x1f, 0x8b, 1, 2, 3]), {
      'content-type': 'application/x-protobuf',
      'content-encoding': 'gzip',
    });
    assert.equal(corrupt.status, 400);
    const brotli = await post(new Uint8Array([1]), {
      'content-type': 'application/x-protobuf',
      'content-encoding': 'br',
    });
    assert.equal(brotli.status, 415);
  });

  it('keeps valid spans and reports rejected ones as partial_success', async () => {
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'partial' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '5b8efff798038103d269b633813fc60c',
                  spanId: 'eee19b7ec3c1b174',
                  name: 'good',
                  startTimeUnixNano: '1700000000000000000',
                  endTimeUnixNano: '1700000000500000000',
                },
                {
                  traceId: '',
                  spanId: 'eee19b7ec3c1b175',
                  name: 'no trace id',
                  startTimeUnixNano: '1700000000000000000',
                  endTimeUnixNano: '1700000000500000000',
                },
              ],
            },
          ],
        },
      ],
    };
    const response = await post(JSON.stringify(body), { 'content-type': 'application/json' });
    assert.equal(response.status, 200);
    const answer = (await response.json()) as {
      partialSuccess?: { rejectedSpans?: string | number; errorMessage?: string };
    };
    assert.equal(Number(answer.partialSuccess?.rejectedSpans), 1);
    assert.ok((answer.partialSuccess?.errorMessage ?? '').length > 0);
    const stored = await collector.sql.query({
      query: "SELECT SpanName FROM otel.otel_traces WHERE ServiceName = 'partial'",
      format: 'JSONEachRow',
    });
    assert.deepEqual(await stored.json(), [{ SpanName: 'good' }]);
  });
});
