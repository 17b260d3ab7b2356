import type { SpanRow } from '../../storage/span-row.js';
import { DecodedTracesBuilder } from '../values/decoded-traces-builder.js';
import { newSpanRow } from '../values/new-span-row.js';
import { SPAN_KIND_STORED_NAMES, STATUS_CODE_STORED_NAMES, storedEnumName } from '../values/otlp-enums.js';
import { readAttribute } from './protobuf-attributes.js';
import { NO_DECODE_LIMITS, type DecodeLimits } from '../values/decode-limits.js';
import { ProtobufCursor } from './protobuf-cursor.js';
import { readResource, readScope } from './protobuf-resource-scope.js';
import {
  EXPORT_TRACE_SERVICE_REQUEST,
  RESOURCE_SPANS,
  SCOPE_SPANS,
  SPAN,
  SPAN_EVENT,
  SPAN_LINK,
  STATUS,
  TRACES_REQUEST_LAYOUT,
} from './protobuf-message-shapes.js';
import { spanDuration } from '../values/span-duration.js';
import type { DecodedTraces } from '../values/types.js';
import { nanosText } from '../values/nanos-text.js';

// Fields are dispatched on their whole tag, (field number << 3) | wire type, each case
// commented with its field number and name; anything else goes to ProtobufCursor.skipField.

/**
 * Decodes an OTLP/HTTP protobuf `ExportTraceServiceRequest` into `otel_traces` rows.
 * Spans with unusable ids are left out and counted; anything else wrong with the body
 * throws an OtlpDecodeError.
 */
export function decodeTracesProtobuf(
  body: Uint8Array,
  limits: DecodeLimits = NO_DECODE_LIMITS,
): DecodedTraces {
  const cursor = new ProtobufCursor(body, TRACES_REQUEST_LAYOUT, limits);
  const traces = new DecodedTracesBuilder();
  try {
    readExportRequest(cursor, traces);
  } catch (error) {
    throw cursor.toDecodeError(error);
  }
  return traces.build();
}

function readExportRequest(cursor: ProtobufCursor, traces: DecodedTracesBuilder): void {
  const reader = cursor.reader;
  let resourceIndex = 0;
  while (reader.pos < reader.len) {
    const tag = cursor.readFieldTag(EXPORT_TRACE_SERVICE_REQUEST);
    if (tag === 10) {
      // 1 resource_spans
      cursor.resourceIndex = resourceIndex++;
      readResourceSpans(cursor, traces, cursor.readLengthEnd());
    } else {
      cursor.skipField(tag, EXPORT_TRACE_SERVICE_REQUEST);
    }
  }
}

function readResourceSpans(cursor: ProtobufCursor, traces: DecodedTracesBuilder, end: number): void {
  const reader = cursor.reader;
  const resourceAttributes: Record<string, string> = {};
  let scopeIndex = 0;
  while (reader.pos < end) {
    const tag = cursor.readFieldTag(RESOURCE_SPANS);
    switch (tag) {
      case 10: // 1 resource
        readResource(cursor, resourceAttributes, cursor.readLengthEnd());
        break;
      case 18: // 2 scope_spans
        cursor.scopeIndex = scopeIndex++;
        readScopeSpans(cursor, traces, cursor.readLengthEnd());
        break;
      default:
        cursor.skipField(tag, RESOURCE_SPANS);
    }
  }
  cursor.expectEnd(end);
  traces.endResource(resourceAttributes);
}

function readScopeSpans(cursor: ProtobufCursor, traces: DecodedTracesBuilder, end: number): void {
  const reader = cursor.reader;
  const scope = { name: '', version: '' };
  let spanIndex = 0;
  while (reader.pos < end) {
    const tag = cursor.readFieldTag(SCOPE_SPANS);
    switch (tag) {
      case 10: // 1 scope
        readScope(cursor, scope, cursor.readLengthEnd());
        break;
      case 18: // 2 spans
        cursor.itemIndex = spanIndex++;
        traces.addSpan(
          readSpan(cursor, cursor.readLengthEnd()),
          cursor.resourceIndex,
          cursor.scopeIndex,
          cursor.itemIndex,
        );
        break;
      default:
        cursor.skipField(tag, SCOPE_SPANS);
    }
  }
  cursor.expectEnd(end);
  traces.endScope(scope.name, scope.version);
}

function readSpan(cursor: ProtobufCursor, end: number): SpanRow {
  const reader = cursor.reader;
  const row = newSpanRow();
  let startNanos = 0n;
  let endNanos = 0n;
  while (reader.pos < end) {
    const tag = cursor.readFieldTag(SPAN);
    switch (tag) {
      case 10: // 1 trace_id
        row.TraceId = cursor.readHex();
        break;
      case 18: // 2 span_id
        row.SpanId = cursor.readHex();
        break;
      case 26: // 3 trace_state
        row.TraceState = cursor.readString();
        break;
      case 34: // 4 parent_span_id
        row.ParentSpanId = cursor.readHex();
        break;
      case 42: // 5 name
        row.SpanName = cursor.readString();
        break;
      case 48: // 6 kind
        row.SpanKind = storedEnumName(SPAN_KIND_STORED_NAMES, reader.int32());
        break;
      case 57: // 7 start_time_unix_nano
        startNanos = cursor.readFixed64();
        break;
      case 65: // 8 end_time_unix_nano
        endNanos = cursor.readFixed64();
        break;
      case 74: // 9 attributes
        readAttribute(cursor, row.SpanAttributes, cursor.readLengthEnd());
        break;
      case 90: // 11 events
        readEvent(cursor, row, cursor.readLengthEnd());
        break;
      case 106: // 13 links
        readLink(cursor, row, cursor.readLengthEnd());
        break;
      case 122: // 15 status
        readStatus(cursor, row, cursor.readLengthEnd());
        break;
      default:
        cursor.skipField(tag, SPAN);
    }
  }
  cursor.expectEnd(end);
  row.Timestamp = nanosText(startNanos);
  row.Duration = spanDuration(startNanos, endNanos);
  return row;
}

function readEvent(cursor: ProtobufCursor, row: SpanRow, end: number): void {
  const reader = cursor.reader;
  let timeNanos = 0n;
  let name = '';
  const attributes: Record<string, string> = {};
  while (reader.pos < end) {
    const tag = cursor.readFieldTag(SPAN_EVENT);
    switch (tag) {
      case 9: // 1 time_unix_nano
        timeNanos = cursor.readFixed64();
        break;
      case 18: // 2 name
        name = cursor.readString();
        break;
      case 26: // 3 attributes
        readAttribute(cursor, attributes, cursor.readLengthEnd());
        break;
      default:
        cursor.skipField(tag, SPAN_EVENT);
    }
  }
  cursor.expectEnd(end);
  row['Events.Timestamp'].push(nanosText(timeNanos));
  row['Events.Name'].push(name);
  row['Events.Attributes'].push(attributes);
}

function readLink(cursor: ProtobufCursor, row: SpanRow, end: number): void {
  const reader = cursor.reader;
  let traceId = '';
  let spanId = '';
  let traceState = '';
  const attributes: Record<string, string> = {};
  while (reader.pos < end) {
    const tag = cursor.readFieldTag(SPAN_LINK);
    switch (tag) {
      case 10: // 1 trace_id
        traceId = cursor.readHex();
        break;
      case 18: // 2 span_id
        spanId = cursor.readHex();
        break;
      case 26: // 3 trace_state
        traceState = cursor.readString();
        break;
      case 34: // 4 attributes
        readAttribute(cursor, attributes, cursor.readLengthEnd());
        break;
      default:
        cursor.skipField(tag, SPAN_LINK);
    }
  }
  cursor.expectEnd(end);
  row['Links.TraceId'].push(traceId);
  row['Links.SpanId'].push(spanId);
  row['Links.TraceState'].push(traceState);
  row['Links.Attributes'].push(attributes);
}

function readStatus(cursor: ProtobufCursor, row: SpanRow, end: number): void {
  const reader = cursor.reader;
  while (reader.pos < end) {
    const tag = cursor.readFieldTag(STATUS);
    switch (tag) {
      case 18: // 2 message
        row.StatusMessage = cursor.readString();
        break;
      case 24: // 3 code
        row.StatusCode = storedEnumName(STATUS_CODE_STORED_NAMES, reader.int32());
        break;
      default:
        cursor.skipField(tag, STATUS);
    }
  }
  cursor.expectEnd(end);
}
