import type { SpanRow } from '../../storage/span-row.js';
import { DecodedTracesBuilder } from '../values/decoded-traces-builder.js';
import { NO_DECODE_LIMITS, type DecodeLimits } from '../values/decode-limits.js';
import { readAttributes } from './json-attributes.js';
import {
  arrayField,
  asObject,
  enumField,
  fieldPath,
  hexIdField,
  objectField,
  stringField,
  uint64Field,
  type JsonObject,
} from './json-fields.js';
import { newSpanRow } from '../values/new-span-row.js';
import {
  SPAN_KIND_PROTO_NAMES,
  SPAN_KIND_STORED_NAMES,
  STATUS_CODE_PROTO_NAMES,
  STATUS_CODE_STORED_NAMES,
  storedEnumName,
} from '../values/otlp-enums.js';
import { parseJsonExactly } from './parse-json-exactly.js';
import { spanDuration } from '../values/span-duration.js';
import { SPAN_ID_BYTES, TRACE_ID_BYTES } from '../values/span-id-rules.js';
import type { DecodedTraces } from '../values/types.js';
import { nanosText } from '../values/nanos-text.js';

/**
 * Decodes an OTLP/HTTP JSON `ExportTraceServiceRequest` (the OTLP/JSON encoding: hex ids,
 * 64-bit integers as strings or numbers, enums as integers or names) into `otel_traces`
 * rows. Spans with unusable ids are left out and counted; anything else wrong with the body
 * throws an OtlpDecodeError naming the JSON path.
 */
export function decodeTracesJson(text: string, limits: DecodeLimits = NO_DECODE_LIMITS): DecodedTraces {
  const request = asObject(parseJsonExactly(text), '');
  const traces = new DecodedTracesBuilder();
  const resourceSpansList = arrayField(request, 'resourceSpans', 'resource_spans', '');
  for (let r = 0; r < resourceSpansList.length; r++) {
    readResourceSpans(resourceSpansList[r], r, traces, limits);
  }
  return traces.build();
}

function readResourceSpans(
  json: unknown,
  resourceIndex: number,
  traces: DecodedTracesBuilder,
  limits: DecodeLimits,
): void {
  const path = `resourceSpans[${resourceIndex}]`;
  const resourceSpans = asObject(json, path);
  const scopeSpansList = arrayField(resourceSpans, 'scopeSpans', 'scope_spans', path);
  for (let s = 0; s < scopeSpansList.length; s++) {
    const scopePath = `${path}.scopeSpans[${s}]`;
    const scopeSpans = asObject(scopeSpansList[s], scopePath);
    const spans = arrayField(scopeSpans, 'spans', 'spans', scopePath);
    for (let k = 0; k < spans.length; k++) {
      traces.addSpan(readSpan(spans[k], `${scopePath}.spans[${k}]`, limits), resourceIndex, s, k);
    }
    const scope = objectField(scopeSpans, 'scope', 'scope', scopePath);
    const scopeObjectPath = fieldPath(scopePath, 'scope');
    traces.endScope(
      stringField(scope, 'name', 'name', scopeObjectPath),
      stringField(scope, 'version', 'version', scopeObjectPath),
    );
  }
  const resourceAttributes: Record<string, string> = {};
  readAttributes(
    objectField(resourceSpans, 'resource', 'resource', path),
    fieldPath(path, 'resource'),
    resourceAttributes,
    limits,
  );
  traces.endResource(resourceAttributes);
}

function readSpan(json: unknown, path: string, limits: DecodeLimits): SpanRow {
  const span = asObject(json, path);
  const row = newSpanRow();
  row.TraceId = hexIdField(span, 'traceId', 'trace_id', TRACE_ID_BYTES, path);
  row.SpanId = hexIdField(span, 'spanId', 'span_id', SPAN_ID_BYTES, path);
  row.ParentSpanId = hexIdField(span, 'parentSpanId', 'parent_span_id', SPAN_ID_BYTES, path);
  row.TraceState = stringField(span, 'traceState', 'trace_state', path);
  row.SpanName = stringField(span, 'name', 'name', path);
  row.SpanKind = storedEnumName(
    SPAN_KIND_STORED_NAMES,
    enumField(span, 'kind', 'kind', SPAN_KIND_PROTO_NAMES, path),
  );
  const startNanos = uint64Field(span, 'startTimeUnixNano', 'start_time_unix_nano', path);
  const endNanos = uint64Field(span, 'endTimeUnixNano', 'end_time_unix_nano', path);
  row.Timestamp = nanosText(startNanos);
  row.Duration = spanDuration(startNanos, endNanos);
  readAttributes(span, path, row.SpanAttributes, limits);
  readEvents(span, path, row, limits);
  readLinks(span, path, row, limits);
  const statusPath = fieldPath(path, 'status');
  const status = objectField(span, 'status', 'status', path);
  row.StatusMessage = stringField(status, 'message', 'message', statusPath);
  row.StatusCode = storedEnumName(
    STATUS_CODE_STORED_NAMES,
    enumField(status, 'code', 'code', STATUS_CODE_PROTO_NAMES, statusPath),
  );
  return row;
}

function readEvents(span: JsonObject, spanPath: string, row: SpanRow, limits: DecodeLimits): void {
  const events = arrayField(span, 'events', 'events', spanPath);
  for (let i = 0; i < events.length; i++) {
    const path = `${spanPath}.events[${i}]`;
    const event = asObject(events[i], path);
    const attributes: Record<string, string> = {};
    readAttributes(event, path, attributes, limits);
    row['Events.Timestamp'].push(nanosText(uint64Field(event, 'timeUnixNano', 'time_unix_nano', path)));
    row['Events.Name'].push(stringField(event, 'name', 'name', path));
    row['Events.Attributes'].push(attributes);
  }
}

function readLinks(span: JsonObject, spanPath: string, row: SpanRow, limits: DecodeLimits): void {
  const links = arrayField(span, 'links', 'links', spanPath);
  for (let i = 0; i < links.length; i++) {
    const path = `${spanPath}.links[${i}]`;
    const link = asObject(links[i], path);
    const attributes: Record<string, string> = {};
    readAttributes(link, path, attributes, limits);
    row['Links.TraceId'].push(hexIdField(link, 'traceId', 'trace_id', TRACE_ID_BYTES, path));
    row['Links.SpanId'].push(hexIdField(link, 'spanId', 'span_id', SPAN_ID_BYTES, path));
    row['Links.TraceState'].push(stringField(link, 'traceState', 'trace_state', path));
    row['Links.Attributes'].push(attributes);
  }
}
