import type { LogRow } from '../../storage/log-row.js';
import { DecodedLogsBuilder, type LogScope } from '../values/decoded-logs-builder.js';
import { nanosText } from '../values/nanos-text.js';
import { newLogRow } from '../values/new-log-row.js';
import { storedSeverityNumber, traceFlagsOf } from '../values/otlp-enums.js';
import { readAttribute, readValueString } from './protobuf-attributes.js';
import { NO_DECODE_LIMITS, type DecodeLimits } from '../values/decode-limits.js';
import { ProtobufCursor } from './protobuf-cursor.js';
import {
  EXPORT_LOGS_SERVICE_REQUEST,
  LOG_RECORD,
  LOGS_REQUEST_LAYOUT,
  RESOURCE_LOGS,
  SCOPE_LOGS,
} from './protobuf-message-shapes.js';
import { readResource, readScope } from './protobuf-resource-scope.js';
import type { DecodedLogs } from '../values/types.js';

// Fields are dispatched on their whole tag, (field number << 3) | wire type, each case
// commented with its field number and name; anything else goes to ProtobufCursor.skipField.

/**
 * Decodes an OTLP/HTTP protobuf `ExportLogsServiceRequest` into `otel_logs` rows. Records
 * with unusable ids are left out and counted; anything else wrong with the body throws an
 * OtlpDecodeError.
 */
export function decodeLogsProtobuf(body: Uint8Array, limits: DecodeLimits = NO_DECODE_LIMITS): DecodedLogs {
  const cursor = new ProtobufCursor(body, LOGS_REQUEST_LAYOUT, limits);
  const logs = new DecodedLogsBuilder();
  try {
    readExportRequest(cursor, logs);
  } catch (error) {
    throw cursor.toDecodeError(error);
  }
  return logs.build();
}

function readExportRequest(cursor: ProtobufCursor, logs: DecodedLogsBuilder): void {
  const reader = cursor.reader;
  let resourceIndex = 0;
  while (reader.pos < reader.len) {
    const tag = cursor.readFieldTag(EXPORT_LOGS_SERVICE_REQUEST);
    if (tag === 10) {
      // 1 resource_logs
      cursor.resourceIndex = resourceIndex++;
      readResourceLogs(cursor, logs, cursor.readLengthEnd());
    } else {
      cursor.skipField(tag, EXPORT_LOGS_SERVICE_REQUEST);
    }
  }
}

function readResourceLogs(cursor: ProtobufCursor, logs: DecodedLogsBuilder, end: number): void {
  const reader = cursor.reader;
  const resourceAttributes: Record<string, string> = {};
  let schemaUrl = '';
  let scopeIndex = 0;
  while (reader.pos < end) {
    const tag = cursor.readFieldTag(RESOURCE_LOGS);
    switch (tag) {
      case 10: // 1 resource
        readResource(cursor, resourceAttributes, cursor.readLengthEnd());
        break;
      case 18: // 2 scope_logs
        cursor.scopeIndex = scopeIndex++;
        readScopeLogs(cursor, logs, cursor.readLengthEnd());
        break;
      case 26: // 3 schema_url
        schemaUrl = cursor.readString();
        break;
      default:
        cursor.skipField(tag, RESOURCE_LOGS);
    }
  }
  cursor.expectEnd(end);
  logs.endResource(resourceAttributes, schemaUrl);
}

function readScopeLogs(cursor: ProtobufCursor, logs: DecodedLogsBuilder, end: number): void {
  const reader = cursor.reader;
  const scope: LogScope = { name: '', version: '', attributes: {}, schemaUrl: '' };
  let recordIndex = 0;
  while (reader.pos < end) {
    const tag = cursor.readFieldTag(SCOPE_LOGS);
    switch (tag) {
      case 10: // 1 scope
        readScope(cursor, scope, cursor.readLengthEnd());
        break;
      case 18: // 2 log_records
        cursor.itemIndex = recordIndex++;
        logs.addLogRecord(
          readLogRecord(cursor, cursor.readLengthEnd()),
          cursor.resourceIndex,
          cursor.scopeIndex,
          cursor.itemIndex,
        );
        break;
      case 26: // 3 schema_url
        scope.schemaUrl = cursor.readString();
        break;
      default:
        cursor.skipField(tag, SCOPE_LOGS);
    }
  }
  cursor.expectEnd(end);
  logs.endScope(scope);
}

function readLogRecord(cursor: ProtobufCursor, end: number): LogRow {
  const reader = cursor.reader;
  const row = newLogRow();
  let timeNanos = 0n;
  let observedNanos = 0n;
  while (reader.pos < end) {
    const tag = cursor.readFieldTag(LOG_RECORD);
    switch (tag) {
      case 9: // 1 time_unix_nano
        timeNanos = cursor.readFixed64();
        break;
      case 16: // 2 severity_number
        row.SeverityNumber = storedSeverityNumber(reader.int32());
        break;
      case 26: // 3 severity_text
        row.SeverityText = cursor.readString();
        break;
      case 42: // 5 body
        row.Body = readValueString(cursor, cursor.readLengthEnd());
        break;
      case 50: // 6 attributes
        readAttribute(cursor, row.LogAttributes, cursor.readLengthEnd());
        break;
      case 69: // 8 flags
        row.TraceFlags = traceFlagsOf(reader.fixed32());
        break;
      case 74: // 9 trace_id
        row.TraceId = cursor.readHex();
        break;
      case 82: // 10 span_id
        row.SpanId = cursor.readHex();
        break;
      case 89: // 11 observed_time_unix_nano
        observedNanos = cursor.readFixed64();
        break;
      case 98: // 12 event_name
        row.EventName = cursor.readString();
        break;
      default:
        cursor.skipField(tag, LOG_RECORD);
    }
  }
  cursor.expectEnd(end);
  // The exporter falls back to the observed time for records that carry no time of their own.
  row.Timestamp = nanosText(timeNanos === 0n ? observedNanos : timeNanos);
  return row;
}
