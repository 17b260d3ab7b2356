import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import type { LogRow } from '../storage/log-row.js';
import { decodeLogsJson } from './json/decode-logs-json.js';
import { decodeLogsProtobuf } from './protobuf/decode-logs-protobuf.js';
import { OtlpDecodeError } from './values/otlp-decode-error.js';
import { expectedSdkLogRows, recordSdkLogs } from './test-support/record-sdk-logs.js';
import { encodeMessage, hexBytes, type ProtobufField } from './test-support/protobuf-encoder.js';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';

function assertRowsColumnByColumn(actual: LogRow[], expected: LogRow[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((row, i) => {
    const wanted = expected[i]!;
    assert.deepEqual(Object.keys(row).sort(), Object.keys(wanted).sort());
    for (const column of Object.keys(wanted) as (keyof LogRow)[]) {
      assert.deepEqual(row[column], wanted[column], `row ${i} ${column}`);
    }
  });
}

/** One JSON log record in one resource and scope. */
function jsonRequestWith(...logRecords: unknown[]): string {
  return JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords }] }] });
}

describe('logs decoders on requests from the OTel JS Logs SDK', () => {
  const records = recordSdkLogs();

  it('decode protobuf into the rows the ClickHouse exporter writes, column by column', () => {
    const decoded = decodeLogsProtobuf(ProtobufLogsSerializer.serializeRequest(records)!);
    assert.equal(decoded.rejectedLogRecords, 0);
    assert.equal(decoded.rejectionMessage, '');
    assertRowsColumnByColumn(decoded.rows, expectedSdkLogRows());
  });

  it('decode JSON into the same rows', () => {
    const text = new TextDecoder().decode(JsonLogsSerializer.serializeRequest(records)!);
    const decoded = decodeLogsJson(text);
    assert.equal(decoded.rejectedLogRecords, 0);
    assertRowsColumnByColumn(decoded.rows, expectedSdkLogRows());
  });
});

describe('decodeLogsJson on hand-written OTLP/JSON', () => {
  it('takes snake_case names, enum names, the observed time as fallback and schema URLs', () => {
    const text = `{
      "resource_logs": [{
        "resource": {"attributes": [{"key": "service.name", "value": {"string_value": "judge"}}]},
        "schema_url": "https://example.com/resource-schema",
        "scope_logs": [{
          "scope": {"name": "s", "version": "1", "attributes": [{"key": "k", "value": {"bool_value": true}}]},
          "schema_url": "https://example.com/scope-schema",
          "log_records": [{
            "observed_time_unix_nano": "1700000000123456789",
            "severity_number": "SEVERITY_NUMBER_ERROR",
            "severity_text": "ERROR",
            "body": {"array_value": {"values": [{"int_value": 1}, {"string_value": "x"}]}},
            "flags": 257,
            "trace_id": "5B8EFFF798038103D269B633813FC60C",
            "span_id": "EEE19B7EC3C1B174",
            "event_name": "gen_ai.evaluation.result",
            "attributes": [{"key": "gen_ai.evaluation.score.value", "value": {"double_value": 1}}]
          }]
        }]
      }]
    }`;
    const [row] = decodeLogsJson(text).rows;
    assert.deepEqual(row, {
      Timestamp: '1700000000123456789',
      TraceId: TRACE_ID,
      SpanId: SPAN_ID,
      TraceFlags: 1,
      SeverityText: 'ERROR',
      SeverityNumber: 17,
      ServiceName: 'judge',
      Body: '[1,"x"]',
      ResourceSchemaUrl: 'https://example.com/resource-schema',
      ResourceAttributes: { 'service.name': 'judge' },
      ScopeSchemaUrl: 'https://example.com/scope-schema',
      ScopeName: 's',
      ScopeVersion: '1',
      ScopeAttributes: { k: 'true' },
      LogAttributes: { 'gen_ai.evaluation.score.value': '1' },
      EventName: 'gen_ai.evaluation.result',
    });
  });

  it('stores records without trace context, and all-zero ids as none', () => {
    const decoded = decodeLogsJson(
      jsonRequestWith(
        { body: { stringValue: 'no context' } },
        { body: { stringValue: 'zero ids' }, traceId: '0'.repeat(32), spanId: '0'.repeat(16) },
      ),
    );
    assert.deepEqual(
      decoded.rows.map((row) => [row.Body, row.TraceId, row.SpanId]),
      [
        ['no context', '', ''],
        ['zero ids', '', ''],
      ],
    );
  });

  it('refuses malformed JSON naming the path', () => {
    assert.throws(
      () => decodeLogsJson(jsonRequestWith({ traceId: 'abc' })),
      (error: unknown) =>
        error instanceof OtlpDecodeError &&
        error.message.includes('resourceLogs[0].scopeLogs[0].logRecords[0].traceId'),
    );
    assert.throws(() => decodeLogsJson(jsonRequestWith({ flags: 2 ** 32 })), OtlpDecodeError);
  });

  it('refuses bodies nested 200,000 levels deep, saying where, without overflowing the stack', () => {
    const levels = 200_000;
    assert.throws(
      () => decodeLogsJson(`{"resourceLogs":${'['.repeat(levels)}${']'.repeat(levels)}}`),
      /^OtlpDecodeError: invalid OTLP\/JSON: resourceLogs\[0\]: expected an object, got \[\[\[/,
    );
    const body = `${'{"kvlistValue":{"values":[{"key":"k","value":'.repeat(levels)}{"stringValue":"x"}${'}]}}'.repeat(levels)}`;
    assert.throws(
      () => decodeLogsJson(`{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":${body}}]}]}]}`),
      /^OtlpDecodeError: invalid OTLP\/JSON: resourceLogs\[0\]\.scopeLogs\[0\]\.logRecords\[0\]\.body\..*: values nested more than 64 levels deep$/,
    );
  });
});

describe('decodeLogsProtobuf on hand-made bodies', () => {
  const request = (...logRecords: ProtobufField[][]) =>
    encodeMessage([
      {
        field: 1, // resource_logs
        message: [{ field: 2, message: logRecords.map((record) => ({ field: 2, message: record })) }],
      },
    ]);

  it('rejects records whose ids have the wrong length and keeps the others', () => {
    const decoded = decodeLogsProtobuf(
      request(
        [{ field: 5, message: [{ field: 1, bytes: 'kept' }] }],
        [
          { field: 9, bytes: hexBytes('abcd') },
          { field: 5, message: [{ field: 1, bytes: 'short trace id' }] },
        ],
        [
          { field: 9, bytes: hexBytes(TRACE_ID) },
          { field: 10, bytes: hexBytes('0102') },
        ],
      ),
    );
    assert.deepEqual(
      decoded.rows.map((row) => row.Body),
      ['kept'],
    );
    assert.equal(decoded.rejectedLogRecords, 2);
    assert.equal(
      decoded.rejectionMessage,
      '2 log records rejected for invalid ids; first: resourceLogs[0].scopeLogs[0].logRecords[1]: traceId must be empty or 16 bytes, not 2',
    );
  });

  it('falls back to the observed time, keeps the low byte of flags, stores unknown severities as 0', () => {
    const [row] = decodeLogsProtobuf(
      request([
        { field: 11, fixed64: 1_700_000_000_000_000_001n },
        { field: 8, fixed32: 0x101 },
        { field: 2, varint: 300 },
        { field: 12, bytes: 'gen_ai.evaluation.result' },
      ]),
    ).rows;
    assert.equal(row!.Timestamp, '1700000000000000001');
    assert.equal(row!.TraceFlags, 1);
    assert.equal(row!.SeverityNumber, 0);
    assert.equal(row!.EventName, 'gen_ai.evaluation.result');
  });

  it('says where a broken body stopped, in the logs request', () => {
    assert.throws(
      () => decodeLogsProtobuf(request([{ field: 12, varint: 1 }])),
      (error: unknown) =>
        error instanceof OtlpDecodeError &&
        /LogRecord\.event_name has wire type 0 \(varint\).* of resourceLogs\[0\]\.scopeLogs\[0\]\.logRecords\[0\]/.test(
          error.message,
        ),
    );
  });
});
