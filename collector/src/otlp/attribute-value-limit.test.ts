import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DecodeLimits } from './values/decode-limits.js';
import { decodeLogsJson } from './json/decode-logs-json.js';
import { decodeLogsProtobuf } from './protobuf/decode-logs-protobuf.js';
import { decodeTracesJson } from './json/decode-traces-json.js';
import { decodeTracesProtobuf } from './protobuf/decode-traces-protobuf.js';
import {
  attribute,
  exportRequest,
  keyValue,
  resourceSpans,
  scopeSpans,
  span,
  stringValue,
  VALID_SPAN_ID,
  VALID_TRACE_ID,
} from './test-support/otlp-protobuf-fixtures.js';
import { encodeMessage } from './test-support/protobuf-encoder.js';

const LIMITS: DecodeLimits = { maxAttributeValueLength: 8 };
const LONG = 'x'.repeat(20);
const CUT = `${'x'.repeat(8)}…[truncated 12 chars]`;

const jsonAttributes = [
  { key: 'long', value: { stringValue: LONG } },
  { key: 'short', value: { stringValue: 'ok' } },
];

describe('decoders truncate attribute values longer than the limit, keeping the rest', () => {
  it('protobuf traces: resource and span attributes', () => {
    const body = exportRequest(
      resourceSpans(
        [keyValue('long', stringValue(LONG))],
        scopeSpans(
          {},
          span('s', attribute(9, 'long', stringValue(LONG)), attribute(9, 'short', stringValue('ok'))),
        ),
      ),
    );
    const [row] = decodeTracesProtobuf(body, LIMITS).rows;
    assert.equal(row!.ResourceAttributes['long'], CUT);
    assert.deepEqual({ ...row!.SpanAttributes }, { long: CUT, short: 'ok' });
  });

  it('JSON traces: span and event attributes', () => {
    const text = JSON.stringify({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: VALID_TRACE_ID,
                  spanId: VALID_SPAN_ID,
                  name: 's',
                  attributes: jsonAttributes,
                  events: [{ name: 'e', attributes: jsonAttributes }],
                },
              ],
            },
          ],
        },
      ],
    });
    const [row] = decodeTracesJson(text, LIMITS).rows;
    assert.deepEqual({ ...row!.SpanAttributes }, { long: CUT, short: 'ok' });
    assert.deepEqual({ ...row!['Events.Attributes'][0] }, { long: CUT, short: 'ok' });
  });

  it('protobuf logs: record attributes', () => {
    // ExportLogsServiceRequest.resource_logs(1) → ResourceLogs.scope_logs(2) → ScopeLogs.log_records(2),
    // whose attributes are field 6.
    const record = [
      { field: 6, message: keyValue('long', stringValue(LONG)) },
      { field: 6, message: keyValue('short', stringValue('ok')) },
    ];
    const body = encodeMessage([
      { field: 1, message: [{ field: 2, message: [{ field: 2, message: record }] }] },
    ]);
    const [row] = decodeLogsProtobuf(body, LIMITS).rows;
    assert.deepEqual({ ...row!.LogAttributes }, { long: CUT, short: 'ok' });
  });

  it('JSON logs: record attributes', () => {
    const text = JSON.stringify({
      resourceLogs: [{ scopeLogs: [{ logRecords: [{ attributes: jsonAttributes }] }] }],
    });
    const [row] = decodeLogsJson(text, LIMITS).rows;
    assert.deepEqual({ ...row!.LogAttributes }, { long: CUT, short: 'ok' });
  });

  it('store everything whole when no limit is given', () => {
    const text = JSON.stringify({
      resourceLogs: [{ scopeLogs: [{ logRecords: [{ attributes: jsonAttributes }] }] }],
    });
    assert.equal(decodeLogsJson(text).rows[0]!.LogAttributes['long'], LONG);
  });
});
