import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import protobuf from 'protobufjs/minimal.js';
import { encodeStatus, encodeTracesResponse } from './encode-response.js';

/** Field number → values of a protobuf message, read with protobufjs's Reader. */
function readFields(bytes: Uint8Array): Map<number, (number | Uint8Array)[]> {
  const reader = protobuf.Reader.create(bytes);
  const fields = new Map<number, (number | Uint8Array)[]>();
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const wireType = tag & 7;
    assert.ok(wireType === 0 || wireType === 2, `unexpected wire type in tag ${tag}`);
    const value = wireType === 2 ? reader.bytes() : longToNumber(reader.uint64());
    fields.set(tag >>> 3, [...(fields.get(tag >>> 3) ?? []), value]);
  }
  return fields;
}

function longToNumber({ low, high }: { low: number; high: number }): number {
  return high * 2 ** 32 + (low >>> 0);
}

const text = (bytes: number | Uint8Array | undefined) => new TextDecoder().decode(bytes as Uint8Array);

describe('encodeTracesResponse', () => {
  it('is an empty message when everything was accepted', () => {
    assert.equal(encodeTracesResponse('protobuf', { rejectedSpans: 0, errorMessage: '' }).length, 0);
    assert.equal(encodeTracesResponse('json', { rejectedSpans: 0, errorMessage: '' }), '{}');
  });

  it('carries partial_success in protobuf', () => {
    const body = encodeTracesResponse('protobuf', {
      rejectedSpans: 2 ** 40 + 3,
      errorMessage: '2 spans rejected: ünïcode',
    });
    const response = readFields(body);
    assert.deepEqual([...response.keys()], [1]);
    const partialSuccess = readFields(response.get(1)![0] as Uint8Array);
    assert.deepEqual(partialSuccess.get(1), [2 ** 40 + 3]);
    assert.equal(text(partialSuccess.get(2)![0]), '2 spans rejected: ünïcode');
  });

  it('carries partial_success in JSON, int64 as a decimal string', () => {
    const body = encodeTracesResponse('json', { rejectedSpans: 3, errorMessage: 'why' });
    assert.deepEqual(JSON.parse(body), { partialSuccess: { rejectedSpans: '3', errorMessage: 'why' } });
  });

  it('reports a message alone as a warning, with no rejected count', () => {
    assert.deepEqual(JSON.parse(encodeTracesResponse('json', { rejectedSpans: 0, errorMessage: 'note' })), {
      partialSuccess: { errorMessage: 'note' },
    });
    const partialSuccess = readFields(
      readFields(encodeTracesResponse('protobuf', { rejectedSpans: 0, errorMessage: 'note' })).get(
        1,
      )![0] as Uint8Array,
    );
    assert.deepEqual([...partialSuccess.keys()], [2]);
  });

  it('is understood by the OTel JS exporters', () => {
    const partial = { rejectedSpans: 5, errorMessage: 'bad ids' };
    assert.deepEqual(ProtobufTraceSerializer.deserializeResponse(encodeTracesResponse('protobuf', partial)), {
      partialSuccess: { rejectedSpans: 5, errorMessage: 'bad ids' },
    });
    const json = new TextEncoder().encode(encodeTracesResponse('json', partial));
    const parsed = JsonTraceSerializer.deserializeResponse(json);
    // The JSON exporter hands on whatever the body holds: here the spec's int64 string.
    assert.equal(Number(parsed.partialSuccess?.rejectedSpans), 5);
    assert.equal(parsed.partialSuccess?.errorMessage, 'bad ids');
    assert.deepEqual(
      ProtobufTraceSerializer.deserializeResponse(
        encodeTracesResponse('protobuf', { rejectedSpans: 0, errorMessage: '' }),
      ),
      {},
    );
  });
});

describe('encodeStatus', () => {
  it('encodes a google.rpc.Status in protobuf', () => {
    const status = readFields(encodeStatus('protobuf', 3, 'invalid OTLP/protobuf: ü'));
    assert.deepEqual(status.get(1), [3]);
    assert.equal(text(status.get(2)![0]), 'invalid OTLP/protobuf: ü');
  });

  it('encodes a google.rpc.Status in JSON', () => {
    assert.deepEqual(JSON.parse(encodeStatus('json', 14, 'try later')), { code: 14, message: 'try later' });
  });
});
