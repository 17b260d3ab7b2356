import type { LogRow } from '../../storage/log-row.js';
import { DecodedLogsBuilder } from '../values/decoded-logs-builder.js';
import { NO_DECODE_LIMITS, type DecodeLimits } from '../values/decode-limits.js';
import { readAttributes, readValueString } from './json-attributes.js';
import {
  arrayField,
  asObject,
  enumField,
  fieldPath,
  fieldValue,
  hexIdField,
  objectField,
  stringField,
  uint32Field,
  uint64Field,
} from './json-fields.js';
import { nanosText } from '../values/nanos-text.js';
import { newLogRow } from '../values/new-log-row.js';
import { SEVERITY_NUMBER_PROTO_NAMES, storedSeverityNumber, traceFlagsOf } from '../values/otlp-enums.js';
import { parseJsonExactly } from './parse-json-exactly.js';
import { SPAN_ID_BYTES, TRACE_ID_BYTES } from '../values/span-id-rules.js';
import type { DecodedLogs } from '../values/types.js';

/**
 * Decodes an OTLP/HTTP JSON `ExportLogsServiceRequest` (the OTLP/JSON encoding: hex ids, 64-bit
 * integers as strings or numbers, enums as integers or names) into `otel_logs` rows. Records
 * with unusable ids are left out and counted; anything else wrong with the body throws an
 * OtlpDecodeError naming the JSON path.
 */
export function decodeLogsJson(text: string, limits: DecodeLimits = NO_DECODE_LIMITS): DecodedLogs {
  const request = asObject(parseJsonExactly(text), '');
  const logs = new DecodedLogsBuilder();
  const resourceLogsList = arrayField(request, 'resourceLogs', 'resource_logs', '');
  for (let r = 0; r < resourceLogsList.length; r++) {
    readResourceLogs(resourceLogsList[r], r, logs, limits);
  }
  return logs.build();
}

function readResourceLogs(
  json: unknown,
  resourceIndex: number,
  logs: DecodedLogsBuilder,
  limits: DecodeLimits,
): void {
  const path = `resourceLogs[${resourceIndex}]`;
  const resourceLogs = asObject(json, path);
  const scopeLogsList = arrayField(resourceLogs, 'scopeLogs', 'scope_logs', path);
  for (let s = 0; s < scopeLogsList.length; s++) {
    const scopePath = `${path}.scopeLogs[${s}]`;
    const scopeLogs = asObject(scopeLogsList[s], scopePath);
    const records = arrayField(scopeLogs, 'logRecords', 'log_records', scopePath);
    for (let k = 0; k < records.length; k++) {
      logs.addLogRecord(
        readLogRecord(records[k], `${scopePath}.logRecords[${k}]`, limits),
        resourceIndex,
        s,
        k,
      );
    }
    const scope = objectField(scopeLogs, 'scope', 'scope', scopePath);
    const scopeObjectPath = fieldPath(scopePath, 'scope');
    const scopeAttributes: Record<string, string> = {};
    readAttributes(scope, scopeObjectPath, scopeAttributes, limits);
    logs.endScope({
      name: stringField(scope, 'name', 'name', scopeObjectPath),
      version: stringField(scope, 'version', 'version', scopeObjectPath),
      attributes: scopeAttributes,
      schemaUrl: stringField(scopeLogs, 'schemaUrl', 'schema_url', scopePath),
    });
  }
  const resourceAttributes: Record<string, string> = {};
  readAttributes(
    objectField(resourceLogs, 'resource', 'resource', path),
    fieldPath(path, 'resource'),
    resourceAttributes,
    limits,
  );
  logs.endResource(resourceAttributes, stringField(resourceLogs, 'schemaUrl', 'schema_url', path));
}

function readLogRecord(json: unknown, path: string, limits: DecodeLimits): LogRow {
  const record = asObject(json, path);
  const row = newLogRow();
  const timeNanos = uint64Field(record, 'timeUnixNano', 'time_unix_nano', path);
  const observedNanos = uint64Field(record, 'observedTimeUnixNano', 'observed_time_unix_nano', path);
  // The exporter falls back to the observed time for records that carry no time of their own.
  row.Timestamp = nanosText(timeNanos === 0n ? observedNanos : timeNanos);
  row.SeverityNumber = storedSeverityNumber(
    enumField(record, 'severityNumber', 'severity_number', SEVERITY_NUMBER_PROTO_NAMES, path),
  );
  row.SeverityText = stringField(record, 'severityText', 'severity_text', path);
  const body = fieldValue(record, 'body', 'body');
  if (body !== undefined) row.Body = readValueString(body, fieldPath(path, 'body'));
  readAttributes(record, path, row.LogAttributes, limits);
  row.TraceFlags = traceFlagsOf(uint32Field(record, 'flags', 'flags', path));
  row.TraceId = hexIdField(record, 'traceId', 'trace_id', TRACE_ID_BYTES, path);
  row.SpanId = hexIdField(record, 'spanId', 'span_id', SPAN_ID_BYTES, path);
  row.EventName = stringField(record, 'eventName', 'event_name', path);
  return row;
}
