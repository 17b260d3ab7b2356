import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { SpanRow } from '../../storage/span-row.js';
import { decodeTracesJson } from './decode-traces-json.js';
import { decodeTracesProtobuf } from '../protobuf/decode-traces-protobuf.js';
import { OtlpDecodeError } from '../values/otlp-decode-error.js';
import { expectedSdkRows, recordSdkSpans } from '../test-support/record-sdk-spans.js';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';

/** A request with one resource and scope around the given spans (JSON values, not text). */
function requestWith(...spans: unknown[]): string {
  return JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] });
}

function minimalSpan(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { traceId: TRACE_ID, spanId: SPAN_ID, name: 'span', ...extra };
}

function decodeOneSpan(text: string): SpanRow {
  const { rows, rejectedSpans, rejectionMessage } = decodeTracesJson(text);
  assert.equal(rejectedSpans, 0, rejectionMessage);
  assert.equal(rows.length, 1);
  return rows[0]!;
}

/** The stored string of attribute `k` given an AnyValue written as JSON text. */
function attributeFromJson(anyValueJson: string): string | undefined {
  const text = `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"${TRACE_ID}","spanId":"${SPAN_ID}","attributes":[{"key":"k","value":${anyValueJson}}]}]}]}]}`;
  return decodeOneSpan(text).SpanAttributes.k;
}

function assertMalformed(text: string, message: string | RegExp): void {
  assert.throws(
    () => decodeTracesJson(text),
    (error: unknown) => {
      assert.ok(error instanceof OtlpDecodeError, `expected OtlpDecodeError, got ${String(error)}`);
      assert.equal(error.code, 'OTLP_MALFORMED');
      if (typeof message === 'string') assert.equal(error.message, message);
      else assert.match(error.message, message);
      return true;
    },
  );
}

describe('decodeTracesJson on a request from the OTel JS exporter', () => {
  const spans = recordSdkSpans();
  const text = new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)!);
  const decoded = decodeTracesJson(text);
  const spanId = (name: string) => spans.find((s) => s.name === name)!.spanContext().spanId;
  const expected = expectedSdkRows(spanId('POST /answer'), spanId('retrieve'));

  it('keeps every span', () => {
    assert.deepEqual(decoded.rows.map((r) => r.SpanName).sort(), ['POST /answer', 'retrieve']);
    assert.equal(decoded.rejectedSpans, 0);
    assert.equal(decoded.rejectionMessage, '');
  });

  for (const [label, name] of [
    ['server', 'POST /answer'],
    ['child', 'retrieve'],
  ] as const) {
    it(`writes the ${label} span's row as the ClickHouse exporter does, column by column`, () => {
      const actual = decoded.rows.find((r) => r.SpanName === name)!;
      const wanted = expected[label];
      assert.deepEqual(Object.keys(actual).sort(), Object.keys(wanted).sort());
      for (const column of Object.keys(wanted) as (keyof SpanRow)[]) {
        assert.deepEqual(actual[column], wanted[column], column);
      }
    });
  }

  it('produces the same rows as the protobuf decoder for the same spans', () => {
    assert.deepEqual(
      decoded.rows,
      decodeTracesProtobuf(ProtobufTraceSerializer.serializeRequest(spans)!).rows,
    );
  });
});

describe('decodeTracesJson on hand-written OTLP/JSON', () => {
  it('accepts the original snake_case names, upper-case hex, enum names and 64-bit numbers', () => {
    const text = `{
      "resource_spans": [{
        "resource": {"attributes": [{"key": "service.name", "value": {"string_value": "snake"}}]},
        "scope_spans": [{
          "scope": {"name": "scope", "version": "9"},
          "spans": [{
            "trace_id": "5B8EFFF798038103D269B633813FC60C",
            "span_id": "EEE19B7EC3C1B174",
            "parent_span_id": "00F067AA0BA902B7",
            "trace_state": "a=b",
            "name": "snake-span",
            "kind": "SPAN_KIND_CLIENT",
            "start_time_unix_nano": 1700000000123456789,
            "end_time_unix_nano": "1700000000123457000",
            "attributes": [
              {"key": "as_number", "value": {"int_value": 9007199254740993}},
              {"key": "as_string", "value": {"int_value": "-9223372036854775808"}},
              {"key": "list", "value": {"array_value": {"values": [{"int_value": 1234567890123456789}, {"bool_value": false}]}}}
            ],
            "events": [{"time_unix_nano": 1700000000123456790, "name": "ev", "attributes": [{"key": "e", "value": {"double_value": 2.5}}]}],
            "links": [{"trace_id": "4BF92F3577B34DA6A3CE929D0E0E4736", "span_id": "00F067AA0BA902B8", "trace_state": "x=y",
                       "attributes": [{"key": "l", "value": {"bytes_value": "AAEC/w=="}}]}],
            "status": {"code": "STATUS_CODE_OK", "message": "fine"}
          }]
        }]
      }]
    }`;
    assert.deepEqual(decodeOneSpan(text), {
      Timestamp: '1700000000123456789',
      TraceId: TRACE_ID,
      SpanId: SPAN_ID,
      ParentSpanId: '00f067aa0ba902b7',
      TraceState: 'a=b',
      SpanName: 'snake-span',
      SpanKind: 'Client',
      ServiceName: 'snake',
      ResourceAttributes: { 'service.name': 'snake' },
      ScopeName: 'scope',
      ScopeVersion: '9',
      SpanAttributes: {
        as_number: '9007199254740993',
        as_string: '-9223372036854775808',
        list: '[1234567890123456789,false]',
      },
      Duration: '211',
      StatusCode: 'Ok',
      StatusMessage: 'fine',
      'Events.Timestamp': ['1700000000123456790'],
      'Events.Name': ['ev'],
      'Events.Attributes': [{ e: '2.5' }],
      'Links.TraceId': ['4bf92f3577b34da6a3ce929d0e0e4736'],
      'Links.SpanId': ['00f067aa0ba902b8'],
      'Links.TraceState': ['x=y'],
      'Links.Attributes': [{ l: 'AAEC/w==' }],
    });
  });

  it('accepts enums as integers, unknown integers stored as empty', () => {
    const kinds = ['Unspecified', 'Internal', 'Server', 'Client'];
    kinds.push('Producer', 'Consumer', '');
    kinds.forEach((name, kind) =>
      assert.equal(decodeOneSpan(requestWith(minimalSpan({ kind }))).SpanKind, name),
    );
    ['Unset', 'Ok', 'Error', ''].forEach((name, code) => {
      assert.equal(decodeOneSpan(requestWith(minimalSpan({ status: { code } }))).StatusCode, name);
    });
    assert.equal(
      decodeOneSpan(requestWith(minimalSpan({ status: { code: 'STATUS_CODE_ERROR' } }))).StatusCode,
      'Error',
    );
  });

  it('renders every kind of value as the exporter does', () => {
    assert.equal(attributeFromJson('{"stringValue":"text"}'), 'text');
    assert.equal(attributeFromJson('{"boolValue":true}'), 'true');
    assert.equal(attributeFromJson('{"intValue":"42"}'), '42');
    assert.equal(attributeFromJson('{"intValue":-7}'), '-7');
    assert.equal(attributeFromJson('{"intValue":"007"}'), '7');
    assert.equal(attributeFromJson('{"doubleValue":0.1}'), '0.1');
    assert.equal(attributeFromJson('{"doubleValue":1e21}'), '1e+21');
    assert.equal(attributeFromJson('{"doubleValue":"1.5"}'), '1.5');
    assert.equal(attributeFromJson('{"doubleValue":"NaN"}'), 'NaN');
    assert.equal(attributeFromJson('{"doubleValue":"Infinity"}'), 'Infinity');
    assert.equal(attributeFromJson('{"doubleValue":"-Infinity"}'), '-Infinity');
    assert.equal(attributeFromJson('{"doubleValue":-0}'), '-0');
    assert.equal(attributeFromJson('{"bytesValue":"AAEC_w"}'), 'AAEC/w==');
    assert.equal(attributeFromJson('{}'), '');
    assert.equal(attributeFromJson('null'), '');
    assert.equal(
      attributeFromJson(
        '{"kvlistValue":{"values":[{"key":"z","value":{"intValue":1}},{"key":"a","value":{"arrayValue":{"values":[{"stringValue":"<&>"},{}]}}}]}}',
      ),
      '{"a":["<&>",null],"z":1}',
    );
    assert.equal(attributeFromJson('{"arrayValue":{}}'), '[]');
  });

  it('leaves digit runs inside strings alone while keeping long numbers exact', () => {
    const tricky = 'say \\"x\\": 12345678901234567890, [1234567890123456789]\\\\';
    assert.equal(
      attributeFromJson(`{"stringValue":"${tricky}"}`),
      'say "x": 12345678901234567890, [1234567890123456789]\\',
    );
    assert.equal(attributeFromJson('{"intValue": 9223372036854775807}'), '9223372036854775807');
  });

  it('treats null as an absent field', () => {
    const row = decodeOneSpan(
      requestWith(minimalSpan({ parentSpanId: null, kind: null, attributes: null, status: null })),
    );
    assert.equal(row.ParentSpanId, '');
    assert.equal(row.SpanKind, 'Unspecified');
    assert.deepEqual(row.SpanAttributes, {});
    assert.equal(row.StatusCode, 'Unset');
  });

  it('decodes an empty object to no rows', () => {
    assert.deepEqual(decodeTracesJson('{}'), { rows: [], rejectedSpans: 0, rejectionMessage: '' });
  });
});

describe('decodeTracesJson span rejection', () => {
  it('leaves out spans without usable ids and keeps the others', () => {
    const decoded = decodeTracesJson(
      requestWith(
        minimalSpan({ name: 'good' }),
        minimalSpan({ name: 'no trace id', traceId: '' }),
        minimalSpan({ name: 'zero span id', spanId: '0000000000000000' }),
        minimalSpan({ name: 'zero trace id', traceId: '0'.repeat(32) }),
      ),
    );
    assert.deepEqual(
      decoded.rows.map((r) => r.SpanName),
      ['good'],
    );
    assert.equal(decoded.rejectedSpans, 3);
    assert.equal(
      decoded.rejectionMessage,
      '3 spans rejected for invalid ids; first: resourceSpans[0].scopeSpans[0].spans[1]: traceId must be 16 bytes, not 0',
    );
  });
});

describe('decodeTracesJson on malformed input', () => {
  it('refuses text that is not JSON', () => {
    assertMalformed('{"resourceSpans": [', /^invalid OTLP\/JSON: .*JSON/);
  });

  it('refuses JSON of the wrong shape, naming the path', () => {
    assertMalformed('[]', 'invalid OTLP/JSON: expected an object, got []');
    assertMalformed(
      '{"resourceSpans": {"not": "an array"}}',
      'invalid OTLP/JSON: resourceSpans: expected an array, got {"not":"an array"}',
    );
    assertMalformed(
      '{"resourceSpans": [7]}',
      'invalid OTLP/JSON: resourceSpans[0]: expected an object, got 7',
    );
    assertMalformed(
      requestWith(minimalSpan({ attributes: [{ key: 'k', value: { stringValue: 5 } }] })),
      'invalid OTLP/JSON: resourceSpans[0].scopeSpans[0].spans[0].attributes[0].value.stringValue: expected a string, got 5',
    );
    assertMalformed(
      requestWith(minimalSpan({ status: { message: ['x'] } })),
      'invalid OTLP/JSON: resourceSpans[0].scopeSpans[0].spans[0].status.message: expected a string, got ["x"]',
    );
  });

  it('refuses ids that are not hex of the right length', () => {
    const text = JSON.stringify({
      resourceSpans: [
        {
          scopeSpans: [
            { spans: [minimalSpan()] },
            { spans: [minimalSpan(), minimalSpan(), minimalSpan(), minimalSpan({ traceId: 'xyz' })] },
          ],
        },
      ],
    });
    assertMalformed(
      text,
      'invalid OTLP/JSON: resourceSpans[0].scopeSpans[1].spans[3].traceId: expected 32 hex characters, got "xyz"',
    );
    // protobuf's own JSON mapping would send base64; OTLP/JSON requires hex.
    assertMalformed(
      requestWith(minimalSpan({ spanId: Buffer.from('eee19b7ec3c1b174', 'hex').toString('base64') })),
      /spans\[0\]\.spanId: expected 16 hex characters, got "7uGbfsPBsXQ="$/,
    );
    assertMalformed(
      requestWith(minimalSpan({ links: [{ traceId: TRACE_ID.slice(2) }] })),
      /spans\[0\]\.links\[0\]\.traceId: expected 32 hex characters/,
    );
  });

  it('refuses timestamps and ints that are not integers in range', () => {
    const startError = (value: unknown) =>
      `invalid OTLP/JSON: resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano: expected an integer from 0 to 18446744073709551615, got ${JSON.stringify(value)}`;
    for (const value of ['12.5', 1.5, '-1', '18446744073709551616', 'soon', true]) {
      assertMalformed(requestWith(minimalSpan({ startTimeUnixNano: value })), startError(value));
    }
    assertMalformed(
      attributeText('{"intValue":9223372036854775808}'),
      /attributes\[0\]\.value\.intValue: expected an integer from -9223372036854775808 to 9223372036854775807, got "9223372036854775808"$/,
    );
    // What JSON.stringify makes of an integer-valued 1e21, as the OTel JS JSON exporter sends it.
    assertMalformed(attributeText('{"intValue":1e+21}'), /intValue: expected an integer from .* got 1e\+21$/);
  });

  it('refuses unknown enum names, bad doubles and bad base64', () => {
    assertMalformed(
      requestWith(minimalSpan({ kind: 'SERVER' })),
      /spans\[0\]\.kind: expected an integer or one of SPAN_KIND_UNSPECIFIED, .*SPAN_KIND_CONSUMER, got "SERVER"$/,
    );
    assertMalformed(
      attributeText('{"doubleValue":"fast"}'),
      /value\.doubleValue: expected a number, got "fast"$/,
    );
    assertMalformed(attributeText('{"bytesValue":"not base64!"}'), /value\.bytesValue: expected base64/);
  });

  it('refuses values nested more than 64 levels deep', () => {
    const deep = (levels: number): string =>
      levels === 0 ? '{"stringValue":"x"}' : `{"arrayValue":{"values":[${deep(levels - 1)}]}}`;
    assert.equal(attributeFromJson(deep(64)), `${'['.repeat(64)}"x"${']'.repeat(64)}`);
    assertMalformed(attributeText(deep(65)), /nested more than 64 levels deep/);
  });

  it('refuses bodies nested 200,000 levels deep, saying where, without overflowing the stack', () => {
    const nested = (open: string, inside: string, close: string) =>
      `${open.repeat(200_000)}${inside}${close.repeat(200_000)}`;
    assertMalformed(nested('[', '', ']'), `invalid OTLP/JSON: expected an object, got ${'['.repeat(60)}…`);
    assertMalformed(
      `{"resourceSpans":${nested('[', '', ']')}}`,
      /^invalid OTLP\/JSON: resourceSpans\[0\]: expected an object, got \[\[\[/,
    );
    // An unknown field is skipped however deep, as in protobuf.
    const span = decodeOneSpan(
      requestWith(minimalSpan()).replace('"name":', `"future":${nested('[', '', ']')},"name":`),
    );
    assert.equal(span.SpanName, 'span');
    assertMalformed(
      attributeText(nested('{"arrayValue":{"values":[', '{"stringValue":"x"}', ']}}')),
      /attributes\[0\]\.value(\.arrayValue\.values\[0\]){64}\.arrayValue: values nested more than 64 levels deep$/,
    );
    assertMalformed(
      attributeText(nested('{"kvlistValue":{"values":[{"key":"k","value":', '{"stringValue":"x"}', '}]}}')),
      /values nested more than 64 levels deep$/,
    );
  });
});

function attributeText(anyValueJson: string): string {
  return `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"${TRACE_ID}","spanId":"${SPAN_ID}","attributes":[{"key":"k","value":${anyValueJson}}]}]}]}]}`;
}
