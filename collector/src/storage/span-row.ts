/**
 * One row of `otel_traces`, keyed by the column names of the OpenTelemetry Collector
 * ClickHouse exporter so it can be inserted as JSONEachRow unchanged.
 *
 * 64-bit quantities travel as decimal strings: JavaScript numbers lose precision past 2^53,
 * and ClickHouse parses an integer string into DateTime64(9) as nanosecond ticks.
 */
export interface SpanRow {
  /** Span start, nanoseconds since the Unix epoch. */
  Timestamp: string;
  /** Lower-case hex, empty when absent (as the exporter writes it). */
  TraceId: string;
  SpanId: string;
  ParentSpanId: string;
  TraceState: string;
  SpanName: string;
  /** `Internal`, `Server`, `Client`, … as the exporter writes it (pdata's `Kind().String()`). */
  SpanKind: string;
  ServiceName: string;
  ResourceAttributes: Record<string, string>;
  ScopeName: string;
  ScopeVersion: string;
  SpanAttributes: Record<string, string>;
  /** End minus start in nanoseconds (0 when end precedes start). */
  Duration: string;
  /** `Unset`, `Ok` or `Error`. */
  StatusCode: string;
  StatusMessage: string;
  'Events.Timestamp': string[];
  'Events.Name': string[];
  'Events.Attributes': Record<string, string>[];
  'Links.TraceId': string[];
  'Links.SpanId': string[];
  'Links.TraceState': string[];
  'Links.Attributes': Record<string, string>[];
}
