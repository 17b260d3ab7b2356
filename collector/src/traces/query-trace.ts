import type { Storage } from '../storage/storage.js';
import { tableNames } from '../storage/table-names.js';
import type { GenaiFields, StoredSpan, TraceScore } from './trace-view.js';

type Numeric = number | string;

interface SpanRow {
  SpanId: string;
  ParentSpanId: string;
  SpanName: string;
  SpanKind: string;
  ServiceName: string;
  StartIso: string;
  StartNano: string;
  DurationMs: Numeric;
  StatusCode: string;
  StatusMessage: string;
  SpanAttributes: Record<string, string>;
  EventNames: string[];
  EventTimes: string[];
  EventAttributes: Record<string, string>[];
}

interface GenaiRow {
  SpanId: string;
  Stage: string;
  OperationName: string;
  Provider: string;
  RequestModel: string;
  ResponseModel: string;
  InputTokens: Numeric | null;
  OutputTokens: Numeric | null;
  CacheReadTokens: Numeric | null;
  ReasoningTokens: Numeric | null;
  CostUsd: Numeric | null;
  TimeToFirstChunk: Numeric | null;
  RunId: string;
  ExperimentName: string;
  PromptName: string;
  PromptVersion: string;
  SessionId: string;
  UserId: string;
  DataSourceId: string;
  TopK: Numeric | null;
  DocumentCount: Numeric | null;
}

interface ScoreRow {
  TimeIso: string;
  SpanId: string;
  RunId: string;
  Name: string;
  Value: Numeric | null;
  Label: string;
  Source: string;
  Explanation: string;
}

const ISO_NANOS = `'%Y-%m-%dT%H:%i:%S.%fZ'`;

/**
 * The trace's time range from the exporter's trace-id lookup table, as Grafana's trace view
 * uses it: it lets ClickHouse skip every partition the trace has no span in. The lookup keeps
 * span start times in whole seconds, so the end compares whole seconds too (comparing the
 * nanosecond Timestamp with the lookup's Nullable(DateTime) plus one second drops rows on
 * ClickHouse 26).
 */
function withinTraceTimes(traceIdTimes: string): string {
  return `Timestamp >= (SELECT min(Start) FROM ${traceIdTimes} WHERE TraceId = {traceId:String})
      AND toDateTime(Timestamp) <= (SELECT max(End) FROM ${traceIdTimes} WHERE TraceId = {traceId:String})`;
}

/** Every span of the trace in `otel_traces`, in start order. */
export async function querySpans(storage: Storage, traceId: string): Promise<StoredSpan[]> {
  const tables = tableNames(storage);
  const rows = await storage.queryRows<SpanRow>(
    `SELECT SpanId, ParentSpanId, SpanName, SpanKind, ServiceName,
        formatDateTime(Timestamp, ${ISO_NANOS}, 'UTC') AS StartIso,
        toString(toUnixTimestamp64Nano(Timestamp)) AS StartNano,
        round(Duration / 1e6, 3) AS DurationMs,
        StatusCode, StatusMessage, SpanAttributes,
        Events.Name AS EventNames,
        arrayMap(t -> formatDateTime(t, ${ISO_NANOS}, 'UTC'), Events.Timestamp) AS EventTimes,
        Events.Attributes AS EventAttributes
     FROM ${tables.traces}
     WHERE TraceId = {traceId:String} AND ${withinTraceTimes(tables.traceIdTimes)}
     ORDER BY Timestamp, SpanId`,
    { traceId },
  );
  return rows.map((row) => ({
    spanId: row.SpanId,
    parentSpanId: row.ParentSpanId,
    name: row.SpanName,
    kind: row.SpanKind,
    serviceName: row.ServiceName,
    startTime: row.StartIso,
    startTimeUnixNano: row.StartNano,
    durationMs: Number(row.DurationMs),
    statusCode: row.StatusCode,
    statusMessage: row.StatusMessage,
    attributes: row.SpanAttributes,
    events: row.EventNames.map((name, index) => ({
      name,
      time: row.EventTimes[index] ?? '',
      attributes: row.EventAttributes[index] ?? {},
    })),
  }));
}

/** The trace's rows in `genai_spans`, by span id. */
export async function queryGenaiFields(storage: Storage, traceId: string): Promise<Map<string, GenaiFields>> {
  const tables = tableNames(storage);
  const rows = await storage.queryRows<GenaiRow>(
    `SELECT SpanId, Stage, OperationName, Provider, RequestModel, ResponseModel, InputTokens, OutputTokens,
        CacheReadTokens, ReasoningTokens, CostUsd, TimeToFirstChunk, RunId, ExperimentName, PromptName,
        PromptVersion, SessionId, UserId, DataSourceId, TopK, DocumentCount
     FROM ${tables.genaiSpans}
     WHERE TraceId = {traceId:String} AND ${withinTraceTimes(tables.traceIdTimes)}`,
    { traceId },
  );
  return new Map(
    rows.map((row) => [
      row.SpanId,
      {
        stage: row.Stage,
        operationName: row.OperationName,
        provider: row.Provider,
        requestModel: row.RequestModel,
        responseModel: row.ResponseModel,
        inputTokens: nullableNumber(row.InputTokens),
        outputTokens: nullableNumber(row.OutputTokens),
        cacheReadTokens: nullableNumber(row.CacheReadTokens),
        reasoningTokens: nullableNumber(row.ReasoningTokens),
        costUsd: nullableNumber(row.CostUsd),
        timeToFirstChunk: nullableNumber(row.TimeToFirstChunk),
        runId: row.RunId,
        experiment: row.ExperimentName,
        promptName: row.PromptName,
        promptVersion: row.PromptVersion,
        sessionId: row.SessionId,
        userId: row.UserId,
        dataSourceId: row.DataSourceId,
        topK: nullableNumber(row.TopK),
        documentCount: nullableNumber(row.DocumentCount),
      },
    ]),
  );
}

/** Every score of the trace, oldest first. Scores may come long after the trace, so no time bound. */
export async function queryScores(storage: Storage, traceId: string): Promise<TraceScore[]> {
  const rows = await storage.queryRows<ScoreRow>(
    `SELECT formatDateTime(Timestamp, ${ISO_NANOS}, 'UTC') AS TimeIso, SpanId, RunId, Name, Value, Label,
        Source, Explanation
     FROM ${tableNames(storage).genaiScores}
     WHERE TraceId = {traceId:String}
     ORDER BY Timestamp, Name`,
    { traceId },
  );
  return rows.map((row) => ({
    time: row.TimeIso,
    spanId: row.SpanId,
    runId: row.RunId,
    name: row.Name,
    value: nullableNumber(row.Value),
    label: row.Label,
    source: row.Source,
    explanation: row.Explanation,
  }));
}

function nullableNumber(value: Numeric | null): number | null {
  return value === null ? null : Number(value);
}
