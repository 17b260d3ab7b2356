import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

const MAX_BODY_BYTES = 64 * 1024;
const TRACE_ID = '5b8efff798038103d269b633813fc60c';

/** An OTLP/JSON logs request for one service, its records given as OTLP/JSON objects. */
function logsRequest(serviceName: string, ...logRecords: object[]): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: serviceName } }] },
        scopeLogs: [{ scope: { name: 'app' }, logRecords }],
      },
    ],
  });
}

describe('POST /v1/logs', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector({ RAGTRACE_MAX_BODY_BYTES: String(MAX_BODY_BYTES) });
  });
  after(() => collector.stop());

  const post = (body: Uint8Array | string, headers: Record<string, string>) =>
    fetch(`${collector.url}/v1/logs`, { method: 'POST', body, headers });

  async function bodiesOf(serviceName: string): Promise<string[]> {
    const result = await collector.sql.query({
      query: 'SELECT Body FROM otel.otel_logs WHERE ServiceName = {s:String} ORDER BY Timestamp',
      query_params: { s: serviceName },
      format: 'JSONEachRow',
    });
    return (await result.json<{ Body: string }>()).map((row) => row.Body);
  }

  it('stores gzip JSON records, with or without trace context, and reports rejected ones', async () => {
    const body = logsRequest(
      'logs-json',
      { timeUnixNano: '1700000000000000001', body: { stringValue: 'no trace context' } },
      { timeUnixNano: '1700000000000000002', body: { stringValue: 'in a span' }, traceId: TRACE_ID },
    );
    const response = await post(gzipSync(body), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await response.json(), {});
    assert.deepEqual(await bodiesOf('logs-json'), ['no trace context', 'in a span']);
  });

  it('answers partial_success with rejectedLogRecords in protobuf requests’ kind', async () => {
    // ExportLogsServiceRequest { resource_logs { scope_logs { log_records { trace_id: 2 bytes } } } }
    const shortTraceId = [0x4a, 0x02, 0xab, 0xcd];
    const logRecord = [0x12, shortTraceId.length, ...shortTraceId];
    const scopeLogs = [0x12, logRecord.length, ...logRecord];
    const resourceLogs = [0x0a, scopeLogs.length, ...scopeLogs];
    const response = await post(Uint8Array.from(resourceLogs), { 'content-type': 'application/x-protobuf' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/x-protobuf');
    const answer = ProtobufLogsSerializer.deserializeResponse(new Uint8Array(await response.arrayBuffer()));
    assert.equal(Number(answer.partialSuccess?.rejectedLogRecords), 1);
    assert.match(
      answer.partialSuccess?.errorMessage ?? '',
      /^1 log record rejected for invalid ids; first: /,
    );

    const json = await post(logsRequest('logs-partial', { traceId: '', spanId: 'abcd' }), {
      'content-type': 'application/json',
    });
    assert.equal(json.status, 400, 'JSON ids of the wrong length are malformed OTLP/JSON');
  });

  it('refuses malformed bodies with 400, other content types with 415, oversized ones with 413', async () => {
    const malformedProtobuf = await post(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), {
      'content-type': 'application/x-protobuf',
    });
    assert.equal(malformedProtobuf.status, 400);
    assert.equal(malformedProtobuf.headers.get('content-type'), 'application/x-protobuf');

    const malformedJson = await post('{"resourceLogs": {}}', { 'content-type': 'application/json' });
    assert.equal(malformedJson.status, 400);
    assert.match(((await malformedJson.json()) as { message: string }).message, /resourceLogs/);

    assert.equal((await post('hello', { 'content-type': 'text/plain' })).status, 415);
    assert.equal(
      (await post(new Uint8Array(MAX_BODY_BYTES + 1), { 'content-type': 'application/x-protobuf' })).status,
      413,
    );
    const bomb = gzipSync(Buffer.alloc(8 * MAX_BODY_BYTES));
    const inflated = await post(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    assert.equal(inflated.status, 413);

    // Still serving afterwards.
    const ok = await post(logsRequest('logs-after', { body: { stringValue: 'fine' } }), {
      'content-type': 'application/json',
    });
    assert.equal(ok.status, 200);
    assert.deepEqual(await bodiesOf('logs-after'), ['fine']);
  });
});
