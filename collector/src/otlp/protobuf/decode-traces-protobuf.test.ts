import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { SpanRow } from '../../storage/span-row.js';
import { decodeTracesProtobuf } from './decode-traces-protobuf.js';
import { OtlpDecodeError } from '../values/otlp-decode-error.js';
import {
  arrayValue,
  attribute,
  boolValue,
  bytesValue,
  doubleValue,
  emptyValue,
  exportRequest,
  intValue,
  keyValue,
  kvlistValue,
  resourceSpans,
  scopeSpans,
  span,
  stringValue,
  VALID_SPAN_ID,
  VALID_TRACE_ID,
} from '../test-support/otlp-protobuf-fixtures.js';
import { encodeMessage, hexBytes, type ProtobufField } from '../test-support/protobuf-encoder.js';
import { expectedSdkRows, recordSdkSpans } from '../test-support/record-sdk-spans.js';

const SPAN_ATTRIBUTES = 9;

/** Decodes a request holding one span and returns its row. */
function decodeOneSpan(...fields: ProtobufField[]): SpanRow {
  const { rows, rejectedSpans, rejectionMessage } = decodeTracesProtobuf(
    exportRequest(resourceSpans([], scopeSpans({}, span('one', ...fields)))),
  );
  assert.equal(rejectedSpans, 0, rejectionMessage);
  assert.equal(rows.length, 1);
  return rows[0]!;
}

function spanAttribute(value: ProtobufField[]): string | undefined {
  return decodeOneSpan(attribute(SPAN_ATTRIBUTES, 'k', value)).SpanAttributes.k;
}

function assertMalformed(body: Uint8Array, message: RegExp): void {
  assert.throws(
    () => decodeTracesProtobuf(body),
    (error: unknown) => {
      assert.ok(error instanceof OtlpDecodeError, `expected OtlpDecodeError, got ${String(error)}`);
      assert.equal(error.code, 'OTLP_MALFORMED');
      assert.match(error.message, /^invalid OTLP\/protobuf: /);
      assert.match(error.message, message);
      return true;
    },
  );
}

/**
 * An AnyValue holding `depth` arrays, one in another, around the string "x": written outermost
 * first once every length is known, since building it inside out would copy it at every level.
 */
function nestedArrays(depth: number): Uint8Array {
  const varint = (value: number): number[] => {
    const bytes: number[] = [];
    for (let rest = value; ; rest >>>= 7) {
      if (rest < 0x80) return [...bytes, rest];
      bytes.push((rest & 0x7f) | 0x80);
    }
  };
  const innermost = [0x0a, 0x01, 0x78]; // AnyValue { string_value: "x" }
  // lengths[level]: the bytes of the AnyValue at that level (0 the outermost).
  const lengths: number[] = new Array<number>(depth + 1);
  lengths[depth] = innermost.length;
  for (let level = depth - 1; level >= 0; level--) {
    const arrayLength = 1 + varint(lengths[level + 1]!).length + lengths[level + 1]!;
    lengths[level] = 1 + varint(arrayLength).length + arrayLength;
  }
  const out: number[] = [];
  for (let level = 0; level < depth; level++) {
    const inner = lengths[level + 1]!;
    // AnyValue.array_value (5) { ArrayValue.values (1) { the next level } }
    out.push(0x2a, ...varint(1 + varint(inner).length + inner), 0x0a, ...varint(inner));
  }
  out.push(...innermost);
  return Uint8Array.from(out);
}

describe('decodeTracesProtobuf on a request from the OTel JS exporter', () => {
  const spans = recordSdkSpans();
  const decoded = decodeTracesProtobuf(ProtobufTraceSerializer.serializeRequest(spans)!);
  const spanId = (name: string) => spans.find((s) => s.name === name)!.spanContext().spanId;
  const expected = expectedSdkRows(spanId('POST /answer'), spanId('retrieve'));
  const row = (name: string) => decoded.rows.find((r) => r.SpanName === name)!;

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
      const actual = row(name);
      const wanted = expected[label];
      assert.deepEqual(Object.keys(actual).sort(), Object.keys(wanted).sort());
      for (const column of Object.keys(wanted) as (keyof SpanRow)[]) {
        assert.deepEqual(actual[column], wanted[column], column);
      }
    });
  }

  it('decodes the same from a Node Buffer, as decompression hands it over', () => {
    const body = ProtobufTraceSerializer.serializeRequest(spans)!;
    assert.deepEqual(decodeTracesProtobuf(Buffer.from(body)), decoded);
  });

  it('shares one frozen resource attribute map between the rows of a resource', () => {
    assert.equal(row('POST /answer').ResourceAttributes, row('retrieve').ResourceAttributes);
    assert.ok(Object.isFrozen(row('retrieve').ResourceAttributes));
  });
});

describe('decodeTracesProtobuf attribute values', () => {
  it('keeps all 64 bits of int values', () => {
    assert.equal(spanAttribute(intValue(9007199254740993n)), '9007199254740993');
    assert.equal(spanAttribute(intValue(9223372036854775807n)), '9223372036854775807');
    assert.equal(spanAttribute(intValue(-9223372036854775808n)), '-9223372036854775808');
    assert.equal(spanAttribute(intValue(-4294967297n)), '-4294967297');
    assert.equal(spanAttribute(intValue(4294967296n)), '4294967296');
    assert.equal(spanAttribute(intValue(-1n)), '-1');
    assert.equal(spanAttribute(intValue(0n)), '0');
  });

  it('renders doubles as pdata does, exponent included', () => {
    assert.equal(spanAttribute(doubleValue(0.1)), '0.1');
    assert.equal(spanAttribute(doubleValue(123456789.125)), '123456789.125');
    assert.equal(spanAttribute(doubleValue(1e21)), '1e+21');
    assert.equal(spanAttribute(doubleValue(1e20)), '100000000000000000000');
    assert.equal(spanAttribute(doubleValue(1.5e-7)), '1.5e-7');
    assert.equal(spanAttribute(doubleValue(0.000001)), '0.000001');
    assert.equal(spanAttribute(doubleValue(-0)), '-0');
    assert.equal(spanAttribute(doubleValue(NaN)), 'NaN');
    assert.equal(spanAttribute(doubleValue(Infinity)), 'Infinity');
    assert.equal(spanAttribute(doubleValue(-Infinity)), '-Infinity');
  });

  it('renders bools, bytes and empty values', () => {
    assert.equal(spanAttribute(boolValue(true)), 'true');
    assert.equal(spanAttribute(boolValue(false)), 'false');
    assert.equal(spanAttribute(bytesValue(Uint8Array.of(0, 1, 2, 255))), 'AAEC/w==');
    assert.equal(spanAttribute(bytesValue(new Uint8Array())), '');
    assert.equal(spanAttribute(emptyValue()), '');
    const keyOnly = decodeOneSpan({ field: SPAN_ATTRIBUTES, message: [{ field: 1, bytes: 'lonely' }] });
    assert.equal(keyOnly.SpanAttributes.lonely, '');
  });

  it('renders arrays and kvlists as Go JSON: sorted keys, exact ints, base64 bytes, nulls', () => {
    const value = kvlistValue(
      ['b', intValue(9007199254740993n)],
      ['a', stringValue('x<&>"\u2028')],
      ['c', bytesValue(Uint8Array.of(1, 2))],
      ['d', emptyValue()],
      ['e', arrayValue(doubleValue(1.5), boolValue(true), doubleValue(2))],
      ['f', kvlistValue(['z', stringValue('')])],
      ['g', bytesValue(new Uint8Array())],
      ['h', arrayValue()],
      ['i', kvlistValue()],
    );
    assert.equal(
      spanAttribute(value),
      '{"a":"x<&>\\"\\u2028","b":9007199254740993,"c":"AQI=","d":null,"e":[1.5,true,2],"f":{"z":""},"g":null,"h":[],"i":{}}',
    );
  });

  it('orders kvlist keys by code point and keeps the last of repeated keys', () => {
    const value = kvlistValue(
      ['\u{1F600}', intValue(1n)],
      ['\uE000', intValue(2n)],
      ['\u{1F600}', intValue(3n)],
    );
    assert.equal(spanAttribute(value), '{"\uE000":2,"\u{1F600}":3}');
  });

  it('stores an empty string for arrays holding NaN or infinities, which Go cannot encode', () => {
    assert.equal(spanAttribute(arrayValue(doubleValue(1), doubleValue(NaN))), '');
    assert.equal(spanAttribute(kvlistValue(['x', doubleValue(Infinity)])), '');
  });

  it('refuses values nested more than 64 levels deep', () => {
    let value = stringValue('bottom');
    for (let depth = 0; depth < 64; depth++) value = arrayValue(value);
    assert.equal(spanAttribute(value), `${'['.repeat(63)}["bottom"]${']'.repeat(63)}`);
    assertMalformed(
      exportRequest(
        resourceSpans([], scopeSpans({}, span('deep', attribute(SPAN_ATTRIBUTES, 'k', arrayValue(value))))),
      ),
      /nested more than 64 levels deep/,
    );
  });

  it('refuses values nested 200,000 levels deep without overflowing the stack', () => {
    assertMalformed(
      exportRequest(
        resourceSpans(
          [],
          scopeSpans(
            {},
            span('deep', {
              field: SPAN_ATTRIBUTES,
              message: [
                { field: 1, bytes: 'k' },
                { field: 2, bytes: nestedArrays(200_000) },
              ],
            }),
          ),
        ),
      ),
      /values nested more than 64 levels deep, at byte \d+ while reading Span\.attributes of resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]$/,
    );
  });

  it('replaces invalid UTF-8 with U+FFFD', () => {
    const row = decodeOneSpan(
      attribute(SPAN_ATTRIBUTES, 'k', [{ field: 1, bytes: Uint8Array.of(0x61, 0xff, 0x62) }]),
    );
    assert.equal(row.SpanAttributes.k, 'a\uFFFDb');
  });

  it('keeps many similar keys and values apart', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `key.${String(i).padStart(4, '0')}.name`);
    const row = decodeOneSpan(
      ...keys.map((key) => attribute(SPAN_ATTRIBUTES, key, stringValue(key.toUpperCase()))),
    );
    for (const key of keys) assert.equal(row.SpanAttributes[key], key.toUpperCase());
  });

  it('keeps an attribute named __proto__ as an ordinary key', () => {
    const row = decodeOneSpan(attribute(SPAN_ATTRIBUTES, '__proto__', stringValue('polluted?')));
    assert.deepEqual(Object.entries(row.SpanAttributes), [['__proto__', 'polluted?']]);
    assert.equal(Object.getPrototypeOf(row.SpanAttributes), Object.prototype);
  });
});

describe('decodeTracesProtobuf spans', () => {
  it('maps kinds and status codes to the exporter names, unknown values to empty', () => {
    const kinds = ['Unspecified', 'Internal', 'Server', 'Client'];
    kinds.push('Producer', 'Consumer', '');
    kinds.forEach((name, kind) => assert.equal(decodeOneSpan({ field: 6, varint: kind }).SpanKind, name));
    ['Unset', 'Ok', 'Error', ''].forEach((name, code) => {
      const row = decodeOneSpan({ field: 15, message: [{ field: 3, varint: code }] });
      assert.equal(row.StatusCode, name);
    });
    const defaults = decodeOneSpan();
    assert.equal(defaults.SpanKind, 'Unspecified');
    assert.equal(defaults.StatusCode, 'Unset');
  });

  it('keeps timestamps and durations exact to the nanosecond, and never negative', () => {
    const exact = decodeOneSpan(
      { field: 7, fixed64: 1_700_000_000_000_000_001n },
      { field: 8, fixed64: 1_700_000_000_000_000_001n + 2n ** 32n + 5n },
    );
    assert.equal(exact.Timestamp, '1700000000000000001');
    assert.equal(exact.Duration, '4294967301');
    const backwards = decodeOneSpan({ field: 7, fixed64: 2n ** 63n - 1n }, { field: 8, fixed64: 5n });
    assert.equal(backwards.Timestamp, '9223372036854775807');
    assert.equal(backwards.Duration, '0');
    const early = decodeOneSpan({ field: 7, fixed64: 5n }, { field: 8, fixed64: 7n });
    assert.equal(early.Timestamp, '0000000000000000005', 'short tick counts are zero-padded');
    const event = decodeOneSpan({ field: 11, message: [{ field: 1, fixed64: 1_700_000_000_999_999_999n }] });
    assert.deepEqual(event['Events.Timestamp'], ['1700000000999999999']);
  });

  it('rejects spans whose start or event times are beyond what DateTime64(9) holds', () => {
    const beyond = decodeTracesProtobuf(
      exportRequest([
        {
          field: 2,
          message: [
            { field: 2, message: span('beyond', { field: 7, fixed64: 2n ** 64n - 1n }) },
            {
              field: 2,
              message: span('late-event', { field: 11, message: [{ field: 1, fixed64: 2n ** 63n }] }),
            },
            { field: 2, message: span('fine') },
          ],
        },
      ]),
    );
    assert.deepEqual(
      beyond.rows.map((row) => row.SpanName),
      ['fine'],
    );
    assert.equal(beyond.rejectedSpans, 2);
    assert.match(
      beyond.rejectionMessage,
      /startTimeUnixNano 18446744073709551615 is beyond the latest storable time/,
    );
  });

  it('applies a scope and resource that come after their spans', () => {
    const lateScope: ProtobufField[] = [
      { field: 2, message: span('late') },
      {
        field: 1,
        message: [
          { field: 2, bytes: '2.0' },
          { field: 1, bytes: 'late-scope' },
        ],
      },
    ];
    const lateResource: ProtobufField[] = [
      { field: 2, message: lateScope },
      { field: 1, message: [{ field: 1, message: keyValue('service.name', stringValue('late-service')) }] },
    ];
    const [row] = decodeTracesProtobuf(exportRequest(lateResource)).rows;
    assert.equal(row!.ScopeName, 'late-scope');
    assert.equal(row!.ScopeVersion, '2.0');
    assert.equal(row!.ServiceName, 'late-service');
    // The current exporter keeps the scope in its own columns only.
    assert.deepEqual(row!.SpanAttributes, {});
  });

  it('gives each resource and scope its own spans', () => {
    const body = exportRequest(
      resourceSpans(
        [keyValue('service.name', stringValue('first'))],
        scopeSpans({ name: 'a' }, span('a1'), span('a2')),
        scopeSpans({ name: 'b', version: '1' }, span('b1')),
      ),
      resourceSpans([keyValue('service.name', intValue(42n))], scopeSpans({}, span('c1'))),
    );
    const summary = decodeTracesProtobuf(body).rows.map(
      (r) => `${r.SpanName}:${r.ServiceName}:${r.ScopeName}:${r.ScopeVersion}`,
    );
    assert.deepEqual(summary, ['a1:first:a:', 'a2:first:a:', 'b1:first:b:1', 'c1:42::']);
  });

  it('writes zero parent and link ids as empty, as the exporter does', () => {
    const row = decodeOneSpan(
      { field: 4, bytes: new Uint8Array(8) },
      {
        field: 13,
        message: [
          { field: 1, bytes: new Uint8Array(16) },
          { field: 2, bytes: new Uint8Array(8) },
        ],
      },
      { field: 13, message: [{ field: 3, bytes: 'k=v' }] },
    );
    assert.equal(row.ParentSpanId, '');
    assert.deepEqual(row['Links.TraceId'], ['', '']);
    assert.deepEqual(row['Links.SpanId'], ['', '']);
    assert.deepEqual(row['Links.TraceState'], ['', 'k=v']);
    assert.deepEqual(row['Links.Attributes'], [{}, {}]);
  });

  it('skips unknown fields of every wire type, and known fields it does not store', () => {
    const unknown: ProtobufField[] = [
      { field: 90, varint: 7 },
      { field: 91, fixed64: 7n },
      { field: 92, bytes: 'future' },
      { field: 93, fixed32: 7 },
    ];
    const body = encodeMessage([
      ...unknown,
      {
        field: 1,
        message: [
          ...unknown,
          { field: 3, bytes: 'https://opentelemetry.io/schemas/1.26.0' },
          {
            field: 1,
            message: [
              ...unknown,
              { field: 2, varint: 3 },
              { field: 1, message: [...keyValue('r', [...unknown, ...stringValue('x')]), ...unknown] },
            ],
          },
          {
            field: 2,
            message: [
              ...unknown,
              { field: 1, message: [...unknown, { field: 1, bytes: 's' }, { field: 4, varint: 1 }] },
              {
                field: 2,
                message: [
                  ...span('kept'),
                  ...unknown,
                  { field: 10, varint: 1 },
                  { field: 12, varint: 2 },
                  { field: 14, varint: 3 },
                  { field: 16, fixed32: 0x101 },
                  { field: 11, message: [...unknown, { field: 2, bytes: 'ev' }, { field: 4, varint: 1 }] },
                  {
                    field: 13,
                    message: [
                      ...unknown,
                      { field: 3, bytes: 'ts' },
                      { field: 5, varint: 1 },
                      { field: 6, fixed32: 1 },
                    ],
                  },
                  { field: 15, message: [...unknown, { field: 1, varint: 2 }, { field: 2, bytes: 'msg' }] },
                ],
              },
            ],
          },
        ],
      },
    ]);
    const [row] = decodeTracesProtobuf(body).rows;
    assert.equal(row!.SpanName, 'kept');
    assert.deepEqual(row!.ResourceAttributes, { r: 'x' });
    assert.equal(row!.ScopeName, 's');
    assert.deepEqual(row!['Events.Name'], ['ev']);
    assert.deepEqual(row!['Links.TraceState'], ['ts']);
    assert.equal(row!.StatusMessage, 'msg');
    assert.equal(row!.StatusCode, 'Unset');
  });

  it('decodes an empty request to no rows', () => {
    assert.deepEqual(decodeTracesProtobuf(new Uint8Array()), {
      rows: [],
      rejectedSpans: 0,
      rejectionMessage: '',
    });
  });
});

describe('decodeTracesProtobuf span rejection', () => {
  it('leaves out spans with unusable ids, keeps the others and says why', () => {
    const body = exportRequest(
      resourceSpans(
        [],
        scopeSpans(
          {},
          span('good-1'),
          [
            { field: 1, bytes: hexBytes('0102030405060708') },
            { field: 2, bytes: hexBytes(VALID_SPAN_ID) },
          ],
          span('good-2'),
          [
            { field: 1, bytes: hexBytes(VALID_TRACE_ID) },
            { field: 2, bytes: new Uint8Array(8) },
          ],
          [{ field: 2, bytes: hexBytes(VALID_SPAN_ID) }],
          span('bad-parent', { field: 4, bytes: Uint8Array.of(1, 2, 3) }),
          span('bad-link', { field: 13, message: [{ field: 1, bytes: Uint8Array.of(1, 2, 3, 4) }] }),
        ),
      ),
    );
    const decoded = decodeTracesProtobuf(body);
    assert.deepEqual(
      decoded.rows.map((r) => r.SpanName),
      ['good-1', 'good-2'],
    );
    assert.equal(decoded.rejectedSpans, 5);
    assert.equal(
      decoded.rejectionMessage,
      '5 spans rejected for invalid ids; first: resourceSpans[0].scopeSpans[0].spans[1]: traceId must be 16 bytes, not 8',
    );
  });

  it('names each kind of id problem', () => {
    const reasonFor = (...fields: ProtobufField[]) =>
      decodeTracesProtobuf(exportRequest(resourceSpans([], scopeSpans({}, fields)))).rejectionMessage.replace(
        /^.*: /,
        '',
      );
    const spanId = { field: 2, bytes: hexBytes(VALID_SPAN_ID) };
    const traceId = { field: 1, bytes: hexBytes(VALID_TRACE_ID) };
    assert.equal(reasonFor(spanId), 'traceId must be 16 bytes, not 0');
    assert.equal(reasonFor({ field: 1, bytes: new Uint8Array(16) }, spanId), 'traceId must not be all zeros');
    assert.equal(reasonFor(traceId, { field: 2, bytes: new Uint8Array(9) }), 'spanId must be 8 bytes, not 9');
    assert.equal(reasonFor(traceId, { field: 2, bytes: new Uint8Array(8) }), 'spanId must not be all zeros');
    assert.equal(
      reasonFor(traceId, spanId, { field: 4, bytes: new Uint8Array(3) }),
      'parentSpanId must be empty or 8 bytes, not 3',
    );
    assert.equal(
      reasonFor(traceId, spanId, { field: 13, message: [{ field: 2, bytes: new Uint8Array(1) }] }),
      'links[0].spanId must be empty or 8 bytes, not 1',
    );
  });
});

describe('decodeTracesProtobuf on malformed input', () => {
  const body = exportRequest(
    resourceSpans(
      [keyValue('service.name', stringValue('svc'))],
      scopeSpans(
        { name: 'scope' },
        span('first', attribute(SPAN_ATTRIBUTES, 'gen_ai.prompt', stringValue('a long enough value'))),
      ),
    ),
  );

  it('refuses a length that runs past the end of the body', () => {
    assertMalformed(
      Uint8Array.of(0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01),
      /a length of 4294967295 bytes runs past the end of the body, at byte 6 while reading ExportTraceServiceRequest.resource_spans$/,
    );
  });

  it('reports a truncated body at the outermost length that no longer fits', () => {
    assertMalformed(
      body.subarray(0, body.length - 5),
      /runs past the end of the body, at byte 2 while reading ExportTraceServiceRequest\.resource_spans$/,
    );
  });

  it('says which field of which span it was reading when a value is cut short', () => {
    // An AnyValue whose string claims 16 bytes but holds 3; every enclosing length is right.
    const cutValue: ProtobufField = { field: 2, bytes: Uint8Array.of(0x0a, 0x10, 0x61, 0x62, 0x63) };
    const broken = exportRequest(
      resourceSpans(
        [],
        scopeSpans(
          {},
          span('ok'),
          span('cut', { field: SPAN_ATTRIBUTES, message: [{ field: 1, bytes: 'k' }, cutValue] }),
          span('after'),
        ),
      ),
    );
    assertMalformed(
      broken,
      /while reading Span\.attributes of resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[1\]$/,
    );
  });

  it('refuses a known field with the wrong wire type', () => {
    assertMalformed(
      exportRequest(resourceSpans([], scopeSpans({}, [{ field: 5, varint: 1 }]))),
      /Span\.name has wire type 0 \(varint\), expected 2 \(length-delimited\)/,
    );
  });

  it('refuses invalid wire types and field number 0', () => {
    assertMalformed(Uint8Array.of(0x0f), /invalid wire type 7 in ExportTraceServiceRequest, at byte 1/);
    assertMalformed(Uint8Array.of(0x16), /invalid wire type 6 in ExportTraceServiceRequest/);
    assertMalformed(Uint8Array.of(0x0c), /invalid wire type 4 in ExportTraceServiceRequest/);
    assertMalformed(Uint8Array.of(0x00), /field number 0 in ExportTraceServiceRequest/);
  });

  it('refuses unknown groups nested 200,000 levels deep without overflowing the stack', () => {
    // Field 100 as start-group (wire type 3) 200,000 times, then as many end-groups (4).
    const starts = Array.from({ length: 200_000 }, () => [0xa3, 0x06]).flat();
    const ends = Array.from({ length: 200_000 }, () => [0xa4, 0x06]).flat();
    assertMalformed(Uint8Array.from([...starts, ...ends]), /maximum nesting depth exceeded/);
  });

  it('refuses a varint cut off by the end of the body', () => {
    // int_value's varint keeps announcing more bytes when the body ends.
    const cutInt: ProtobufField = { field: 2, bytes: Uint8Array.of(0x18, 0x80, 0x80, 0x80, 0x80) };
    assertMalformed(
      exportRequest(
        resourceSpans(
          [],
          scopeSpans(
            {},
            span('cut', { field: SPAN_ATTRIBUTES, message: [{ field: 1, bytes: 'k' }, cutInt] }),
          ),
        ),
      ),
      /a varint is cut off, .* while reading Span\.attributes/,
    );
  });

  it('refuses a field that overruns its enclosing message', () => {
    // A span whose name claims more bytes than the span holds, though the body has them.
    const spanFields = encodeMessage(span('n'));
    const overrun = encodeMessage([{ field: 2, message: [] }]).slice(0, 1); // ScopeSpans.spans tag
    const scope = Uint8Array.from([...overrun, spanFields.length - 1, ...spanFields]);
    const request = encodeMessage([{ field: 1, message: [] }]).slice(0, 1);
    const resource = Uint8Array.from([0x12, scope.length, ...scope]);
    assertMalformed(Uint8Array.from([...request, resource.length, ...resource]), /overruns its message/);
  });

  it('throws only OtlpDecodeError, whatever prefix of a body it is given', () => {
    for (let length = 0; length < body.length; length++) {
      try {
        decodeTracesProtobuf(body.subarray(0, length));
      } catch (error) {
        assert.ok(error instanceof OtlpDecodeError, `prefix of ${length} bytes: ${String(error)}`);
      }
    }
  });

  it('throws only OtlpDecodeError for randomly corrupted bodies', () => {
    let seed = 42;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let round = 0; round < 2000; round++) {
      const corrupted = body.slice();
      for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) {
        corrupted[Math.floor(random() * corrupted.length)] = Math.floor(random() * 256);
      }
      try {
        decodeTracesProtobuf(corrupted);
      } catch (error) {
        assert.ok(error instanceof OtlpDecodeError, `round ${round}: ${String(error)}`);
      }
    }
  });
});
