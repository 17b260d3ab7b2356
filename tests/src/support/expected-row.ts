import { SpanKind, SpanStatusCode, type AttributeValue, type Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { ATTR_RAGTRACE_PROJECT } from '@ragtrace/semconv';

/**
 * What the OTel Collector ClickHouse exporter would store for a span, derived from the span
 * as the SDK recorded it — the yardstick a round trip is compared against.
 */
export interface ExpectedRow {
  StartNs: string;
  TraceId: string;
  SpanId: string;
  ParentSpanId: string;
  SpanName: string;
  SpanKind: string;
  ServiceName: string;
  ResourceAttributes: Record<string, string>;
  ScopeName: string;
  ScopeVersion: string;
  SpanAttributes: Record<string, string>;
  Duration: string;
  StatusCode: string;
  StatusMessage: string;
  EventTimes: string[];
  EventNames: string[];
  EventAttributes: Record<string, string>[];
  LinkTraceIds: string[];
  LinkSpanIds: string[];
  LinkAttributes: Record<string, string>[];
}

const KIND_NAMES: Record<SpanKind, string> = {
  [SpanKind.INTERNAL]: 'Internal',
  [SpanKind.SERVER]: 'Server',
  [SpanKind.CLIENT]: 'Client',
  [SpanKind.PRODUCER]: 'Producer',
  [SpanKind.CONSUMER]: 'Consumer',
};
const STATUS_NAMES: Record<SpanStatusCode, string> = {
  [SpanStatusCode.UNSET]: 'Unset',
  [SpanStatusCode.OK]: 'Ok',
  [SpanStatusCode.ERROR]: 'Error',
};

const nanos = ([seconds, nanoseconds]: [number, number]) =>
  (BigInt(seconds) * 1_000_000_000n + BigInt(nanoseconds)).toString();

function stringify(value: AttributeValue | undefined): string {
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

function stringMap(attributes: Attributes): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, stringify(value)]));
}

export function expectedRow(span: ReadableSpan): ExpectedRow {
  const scope = span.instrumentationScope;
  return {
    StartNs: nanos(span.startTime),
    TraceId: span.spanContext().traceId,
    SpanId: span.spanContext().spanId,
    ParentSpanId: span.parentSpanContext?.spanId ?? '',
    SpanName: span.name,
    SpanKind: KIND_NAMES[span.kind],
    ServiceName: String(span.resource.attributes['service.name']),
    // The collector stamps the sender's project (`default` while auth is off) on every resource.
    ResourceAttributes: { ...stringMap(span.resource.attributes), [ATTR_RAGTRACE_PROJECT]: 'default' },
    ScopeName: scope.name,
    ScopeVersion: scope.version ?? '',
    SpanAttributes: stringMap(span.attributes),
    Duration: (BigInt(nanos(span.endTime)) - BigInt(nanos(span.startTime))).toString(),
    StatusCode: STATUS_NAMES[span.status.code],
    StatusMessage: span.status.message ?? '',
    EventTimes: span.events.map((event) => nanos(event.time)),
    EventNames: span.events.map((event) => event.name),
    EventAttributes: span.events.map((event) => stringMap(event.attributes ?? {})),
    LinkTraceIds: span.links.map((link) => link.context.traceId),
    LinkSpanIds: span.links.map((link) => link.context.spanId),
    LinkAttributes: span.links.map((link) => stringMap(link.attributes ?? {})),
  };
}

/** Reads the same fields back from `otel_traces`, 64-bit values as strings. */
export const STORED_ROWS_QUERY = `
SELECT
  toString(toUnixTimestamp64Nano(Timestamp)) AS StartNs,
  TraceId, SpanId, ParentSpanId, SpanName, SpanKind, ServiceName,
  ResourceAttributes, ScopeName, ScopeVersion, SpanAttributes,
  toString(Duration) AS Duration, StatusCode, StatusMessage,
  arrayMap(t -> toString(toUnixTimestamp64Nano(t)), Events.Timestamp) AS EventTimes,
  Events.Name AS EventNames,
  Events.Attributes AS EventAttributes,
  Links.TraceId AS LinkTraceIds,
  Links.SpanId AS LinkSpanIds,
  Links.Attributes AS LinkAttributes
FROM otel.otel_traces
WHERE TraceId IN {traceIds:Array(String)} AND ServiceName = {service:String}
ORDER BY StartNs, SpanId`;
