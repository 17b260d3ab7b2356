/**
 * One row of `otel_logs`, keyed by the column names of the OpenTelemetry Collector
 * ClickHouse exporter's logs table so it can be inserted as JSONEachRow unchanged.
 * `TimestampTime` is left to its DEFAULT (toDateTime(Timestamp)), as the exporter leaves it.
 *
 * Nanosecond timestamps travel as zero-padded decimal strings (see nanosText).
 */
export interface LogRow {
  /** The record's time, or its observed time when the record has none (nanoseconds since the epoch). */
  Timestamp: string;
  /** Lower-case hex, empty when the record carries no trace context. */
  TraceId: string;
  SpanId: string;
  /** W3C trace flags: the low byte of the record's `flags`. */
  TraceFlags: number;
  SeverityText: string;
  SeverityNumber: number;
  ServiceName: string;
  /** The body as the exporter writes it (pdata `AsString`: text as is, anything else as JSON). */
  Body: string;
  ResourceSchemaUrl: string;
  ResourceAttributes: Record<string, string>;
  ScopeSchemaUrl: string;
  ScopeName: string;
  ScopeVersion: string;
  ScopeAttributes: Record<string, string>;
  LogAttributes: Record<string, string>;
  /** The OTLP `event_name` of an event record (e.g. `gen_ai.evaluation.result`), else ''. */
  EventName: string;
}
