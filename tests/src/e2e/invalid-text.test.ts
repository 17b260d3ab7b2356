import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  recordLogsWithLoneSurrogates,
  recordSpansWithLoneSurrogates,
} from '../../../collector/src/otlp/test-support/record-invalid-text.js';
import { assertExported, exportSpans, type ExporterKind } from '../support/export-spans.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

// One trace per encoding, so both copies of the same records are stored side by side.
const TRACE_IDS: Record<ExporterKind, string> = {
  json: '1af7651916cd43dd8448eb211c80319c',
  protobuf: '2af7651916cd43dd8448eb211c80319c',
};

/** Every text column of otel_traces: what invalid text could reach. */
const SPAN_TEXT_QUERY = `SELECT ServiceName, SpanName, ScopeName, ScopeVersion, TraceState, ResourceAttributes,
  SpanAttributes, Events.Name, Events.Attributes, Links.TraceState, Links.Attributes, StatusMessage
FROM otel.otel_traces WHERE TraceId = {traceId:String} ORDER BY SpanName`;

/** Every text column of otel_logs. */
const LOG_TEXT_QUERY = `SELECT ServiceName, SeverityText, Body, ResourceAttributes, ScopeName, ScopeVersion,
  ScopeAttributes, LogAttributes, EventName
FROM otel.otel_logs WHERE TraceId = {traceId:String} ORDER BY Body`;

describe('invalid text: the same records sent as JSON and as protobuf are stored alike, as U+FFFD', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector();
  });
  after(() => collector.stop());

  const storedRows = async (query: string, traceId: string) => {
    const result = await collector.sql.query({ query, query_params: { traceId }, format: 'JSONEachRow' });
    return result.json<Record<string, unknown>>();
  };

  it('spans with lone surrogates, through the OTel JS exporters', async () => {
    for (const kind of ['json', 'protobuf'] as const) {
      assertExported(
        await exportSpans(collector.url, recordSpansWithLoneSurrogates(TRACE_IDS[kind]), kind, false),
      );
    }
    const fromJson = await storedRows(SPAN_TEXT_QUERY, TRACE_IDS.json);
    assert.deepEqual(fromJson, await storedRows(SPAN_TEXT_QUERY, TRACE_IDS.protobuf));
    assert.equal(fromJson.length, 1);
    assert.equal(fromJson[0]!.ServiceName, 'checkout\uFFFD');
    assert.equal(fromJson[0]!.SpanName, 'answer \uFFFD');
    assert.deepEqual(fromJson[0]!['Events.Attributes'], [{ 'attempt\uFFFD': 'second\uFFFD' }]);
  });

  it('log records with lone surrogates, as the OTel JS serializers encode them', async () => {
    for (const kind of ['json', 'protobuf'] as const) {
      const records = recordLogsWithLoneSurrogates(TRACE_IDS[kind]);
      const body =
        kind === 'json'
          ? JsonLogsSerializer.serializeRequest(records)!
          : ProtobufLogsSerializer.serializeRequest(records)!;
      const response = await fetch(`${collector.url}/v1/logs`, {
        method: 'POST',
        body,
        headers: { 'content-type': kind === 'json' ? 'application/json' : 'application/x-protobuf' },
      });
      assert.equal(response.status, 200, `${kind}: ${await response.text()}`);
    }
    const fromJson = await storedRows(LOG_TEXT_QUERY, TRACE_IDS.json);
    assert.deepEqual(fromJson, await storedRows(LOG_TEXT_QUERY, TRACE_IDS.protobuf));
    assert.deepEqual(
      fromJson.map((row) => row.Body),
      ['answer was \uFFFD', '{"nested":["x\uFFFD"],"reply\uFFFD":"cut \uFFFD"}'],
    );
  });
});
