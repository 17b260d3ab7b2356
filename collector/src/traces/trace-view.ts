/** What `GET /api/traces/:traceId` answers: the trace's span tree with GenAI facts and scores. */

/** A span's row in `genai_spans`, present for GenAI/RAG spans only. */
export interface GenaiFields {
  stage: string;
  operationName: string;
  provider: string;
  requestModel: string;
  responseModel: string;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  reasoningTokens: number | null;
  costUsd: number | null;
  /** Seconds from request to the first streamed chunk. */
  timeToFirstChunk: number | null;
  runId: string;
  experiment: string;
  promptName: string;
  promptVersion: string;
  sessionId: string;
  userId: string;
  dataSourceId: string;
  topK: number | null;
  documentCount: number | null;
}

export interface TraceScore {
  /** ISO-8601. */
  time: string;
  /** '' for a score of the whole trace. */
  spanId: string;
  runId: string;
  name: string;
  value: number | null;
  label: string;
  source: string;
  explanation: string;
}

export interface SpanEvent {
  name: string;
  /** ISO-8601 with nanoseconds. */
  time: string;
  attributes: Record<string, string>;
}

/** A span as otel_traces stores it, in the API's shape. */
export interface StoredSpan {
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: string;
  serviceName: string;
  /** ISO-8601 with nanoseconds, and the same instant as a decimal string of Unix nanoseconds. */
  startTime: string;
  startTimeUnixNano: string;
  durationMs: number;
  statusCode: string;
  statusMessage: string;
  attributes: Record<string, string>;
  events: SpanEvent[];
}

/** A span of the tree: what otel_traces stores, its genai_spans fields, scores and children. */
export interface TraceSpanNode extends StoredSpan {
  genai: GenaiFields | null;
  scores: TraceScore[];
  /** Ordered by start time. */
  children: TraceSpanNode[];
}

export interface TraceView {
  traceId: string;
  spanCount: number;
  /** Spans without a parent in the trace (normally one), ordered by start time. */
  spans: TraceSpanNode[];
  /** Scores of the trace as a whole, or of spans not (yet) stored. */
  scores: TraceScore[];
}
