import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  JsonLogsSerializer,
  JsonTraceSerializer,
  ProtobufLogsSerializer,
  ProtobufTraceSerializer,
} from '@opentelemetry/otlp-transformer';
import { decodeLogsJson } from './json/decode-logs-json.js';
import { decodeLogsProtobuf } from './protobuf/decode-logs-protobuf.js';
import { decodeTracesJson } from './json/decode-traces-json.js';
import { decodeTracesProtobuf } from './protobuf/decode-traces-protobuf.js';
import { otlpJsonText } from './json/otlp-json-text.js';
import {
  arrayValue,
  attribute,
  exportRequest,
  kvlistValue,
  resourceSpans,
  scopeSpans,
  span,
  stringValue,
  VALID_SPAN_ID,
  VALID_TRACE_ID,
} from './test-support/otlp-protobuf-fixtures.js';
import { encodeMessage, hexBytes } from './test-support/protobuf-encoder.js';
import {
  recordLogsWithLoneSurrogates,
  recordSpansWithLoneSurrogates,
} from './test-support/record-invalid-text.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ATTRIBUTES = 9;
const LOG_BODY = 5;

// A stray continuation byte, a lead byte without its continuation, an encoded surrogate
// (UTF-8 forbids them) and a three-byte character cut after two bytes.
const NOT_UTF8 = Uint8Array.of(0x80, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xe2, 0x82);
// What every UTF-8 decoder that replaces (WHATWG's, the one browsers and Node.js use) makes of it.
const NOT_UTF8_DECODED = '\uFFFD\uFFFD(\uFFFD\uFFFD\uFFFD\uFFFD';

/** Text followed by NOT_UTF8, as raw bytes. */
const brokenText = (text: string): Uint8Array => Buffer.concat([Buffer.from(text), NOT_UTF8]);

/** A JSON body as bytes: interpolated bytes are spliced in as they are, strings as UTF-8. */
function jsonBody(strings: TemplateStringsArray, ...parts: (string | Uint8Array)[]): Uint8Array {
  return Buffer.concat(
    strings.flatMap((text, i) => [Buffer.from(text), ...(i < parts.length ? [Buffer.from(parts[i]!)] : [])]),
  );
}

/** Whether any string in a decoded row (keys and values, nested too) holds a lone surrogate. */
function loneSurrogatesIn(value: unknown): string[] {
  if (typeof value === 'string') return /\p{Cs}/u.test(value) ? [value] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, entry]) => [
    ...loneSurrogatesIn(key),
    ...loneSurrogatesIn(entry),
  ]);
}

describe('invalid text is stored as U+FFFD, the same whichever encoding carried it', () => {
  it('spans the OTel JS SDK records with lone surrogates decode alike from JSON (escapes) and protobuf', () => {
    const spans = recordSpansWithLoneSurrogates(TRACE_ID);
    const fromJson = decodeTracesJson(otlpJsonText(JsonTraceSerializer.serializeRequest(spans)!));
    const fromProtobuf = decodeTracesProtobuf(ProtobufTraceSerializer.serializeRequest(spans)!);
    assert.deepEqual(fromJson, fromProtobuf);
    assert.deepEqual(loneSurrogatesIn(fromJson.rows), []);
    const [row] = fromJson.rows;
    assert.equal(row!.ServiceName, 'checkout\uFFFD');
    assert.equal(row!.SpanName, 'answer \uFFFD');
    assert.equal(row!.ScopeName, 'scope\uFFFD');
    assert.equal(row!.SpanAttributes['prompt\uFFFD'], 'What is \uFFFD?');
    assert.equal(row!.SpanAttributes['tags.list'], '["ok","cut \uFFFD"]');
    assert.deepEqual(row!['Events.Name'], ['retry\uFFFD']);
    assert.deepEqual(row!['Links.Attributes'], [{ 'link\uFFFD': 'why\uFFFD' }]);
    assert.equal(row!.StatusMessage, 'timed out \uFFFD');
  });

  it('log records the OTel JS SDK records with lone surrogates decode alike from JSON and protobuf', () => {
    const records = recordLogsWithLoneSurrogates(TRACE_ID);
    const fromJson = decodeLogsJson(otlpJsonText(JsonLogsSerializer.serializeRequest(records)!));
    const fromProtobuf = decodeLogsProtobuf(ProtobufLogsSerializer.serializeRequest(records)!);
    assert.deepEqual(fromJson, fromProtobuf);
    assert.deepEqual(loneSurrogatesIn(fromJson.rows), []);
    const [line, structured] = fromJson.rows;
    assert.equal(line!.Body, 'answer was \uFFFD');
    assert.equal(line!.EventName, 'user.feedback\uFFFD');
    assert.equal(line!.SeverityText, 'WARN\uFFFD');
    assert.deepEqual(line!.LogAttributes, { 'comment\uFFFD': 'bad \uFFFD' });
    assert.deepEqual(line!.ScopeAttributes, { 'team\uFFFD': 'search\uFFFD' });
    assert.equal(structured!.Body, '{"nested":["x\uFFFD"],"reply\uFFFD":"cut \uFFFD"}');
  });

  it('bytes that are not UTF-8, in the same strings of a JSON and a protobuf span, decode alike', () => {
    const protobuf = exportRequest(
      resourceSpans(
        [
          [
            { field: 1, bytes: 'service.name' },
            { field: 2, message: stringValue(brokenText('svc')) },
          ],
        ],
        scopeSpans(
          { name: brokenText('scope') },
          span(
            brokenText('name'),
            attribute(SPAN_ATTRIBUTES, brokenText('key'), stringValue(brokenText('value'))),
            attribute(SPAN_ATTRIBUTES, 'list', arrayValue(stringValue(brokenText('item')))),
            attribute(SPAN_ATTRIBUTES, 'map', kvlistValue([brokenText('inner'), stringValue('v')])),
          ),
        ),
      ),
    );
    const json = jsonBody`{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"${brokenText('svc')}"}}]},
      "scopeSpans":[{"scope":{"name":"${brokenText('scope')}"},"spans":[{"traceId":"${VALID_TRACE_ID}","spanId":"${VALID_SPAN_ID}","name":"${brokenText('name')}","attributes":[
        {"key":"${brokenText('key')}","value":{"stringValue":"${brokenText('value')}"}},
        {"key":"list","value":{"arrayValue":{"values":[{"stringValue":"${brokenText('item')}"}]}}},
        {"key":"map","value":{"kvlistValue":{"values":[{"key":"${brokenText('inner')}","value":{"stringValue":"v"}}]}}}]}]}]}]}`;
    const fromJson = decodeTracesJson(otlpJsonText(json));
    assert.deepEqual(fromJson, decodeTracesProtobuf(protobuf));
    const [row] = fromJson.rows;
    assert.equal(row!.ServiceName, `svc${NOT_UTF8_DECODED}`);
    assert.equal(row!.SpanName, `name${NOT_UTF8_DECODED}`);
    assert.equal(row!.ScopeName, `scope${NOT_UTF8_DECODED}`);
    assert.equal(row!.SpanAttributes[`key${NOT_UTF8_DECODED}`], `value${NOT_UTF8_DECODED}`);
    assert.equal(row!.SpanAttributes.list, `["item${NOT_UTF8_DECODED}"]`);
    assert.equal(row!.SpanAttributes.map, `{"inner${NOT_UTF8_DECODED}":"v"}`);
  });

  it('bytes that are not UTF-8 in a log body decode alike from JSON and protobuf', () => {
    const protobuf = encodeMessage([
      {
        field: 1, // resource_logs
        message: [
          {
            field: 2, // scope_logs
            message: [
              {
                field: 2, // log_records
                message: [
                  { field: 9, bytes: hexBytes(VALID_TRACE_ID) },
                  { field: LOG_BODY, message: stringValue(brokenText('body')) },
                ],
              },
            ],
          },
        ],
      },
    ]);
    const json = jsonBody`{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"traceId":"${VALID_TRACE_ID}","body":{"stringValue":"${brokenText('body')}"}}]}]}]}`;
    const fromJson = decodeLogsJson(otlpJsonText(json));
    assert.deepEqual(fromJson, decodeLogsProtobuf(protobuf));
    assert.equal(fromJson.rows[0]!.Body, `body${NOT_UTF8_DECODED}`);
  });
});
