import type { Attributes, Context, Span, SpanContext } from '@opentelemetry/api';
import type { LoggerProvider, LogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { NodeTracerProvider, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { EvaluationSource, RagStage } from '@ragtrace/semconv';

/** OTLP/HTTP encodings the SDK ships (gRPC is deliberately not bundled). */
export type ExportProtocol = 'http/protobuf' | 'http/json';

/** Which side of a stage a piece of captured content belongs to. */
export type ContentKind = 'input' | 'output';

export interface RedactContext {
  readonly stage: RagStage;
  readonly kind: ContentKind;
  /** The span attribute the content is about to be written to. */
  readonly attribute: string;
}

/**
 * Sees every piece of captured content (already serialized) before it is recorded.
 * Return the text to record, or `undefined` to drop it.
 */
export type RedactHook = (content: string, context: RedactContext) => string | undefined;

export interface TraceExporterOptions {
  /**
   * Base OTLP/HTTP endpoint, e.g. `http://127.0.0.1:4318`; `/v1/traces` is appended, as for
   * `OTEL_EXPORTER_OTLP_ENDPOINT`. Defaults to the exporter's own reading of the OTEL_* variables.
   */
  endpoint?: string;
  /** Defaults to `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, then `OTEL_EXPORTER_OTLP_PROTOCOL`, then `http/protobuf`. */
  protocol?: ExportProtocol;
  /** Sent with every export, on top of (and overriding) `OTEL_EXPORTER_OTLP_HEADERS`. */
  headers?: Record<string, string>;
}

export interface SetupTracingOptions extends TraceExporterOptions {
  /** Overrides `OTEL_SERVICE_NAME`. */
  serviceName?: string;
  /** Merged over `OTEL_RESOURCE_ATTRIBUTES`. */
  resourceAttributes?: Attributes;
  /**
   * Record prompts, completions, documents' text and tool arguments/results. Defaults to
   * `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT` or `RAGTRACE_CAPTURE_CONTENT`, else off.
   */
  captureContent?: boolean;
  redact?: RedactHook;
  /**
   * Replaces the OTLP exporter (still batched); endpoint and headers then only address the run
   * records `startRun` sends (to `<endpoint>/api/runs`).
   */
  exporter?: SpanExporter;
  /** Replaces the whole export pipeline, e.g. `[new SimpleSpanProcessor(memoryExporter)]` in tests. */
  spanProcessors?: SpanProcessor[];
  /**
   * Replaces the export pipeline of log records (the events `score()` emits), by default OTLP
   * to the same endpoint's `/v1/logs` in batches, e.g. `[new SimpleLogRecordProcessor(memoryExporter)]`.
   */
  logRecordProcessors?: LogRecordProcessor[];
}

/** Flushing and shutting down never reject: an export that fails is reported to OTel's diag logger. */
export interface TracingHandle {
  readonly tracerProvider: NodeTracerProvider;
  /** Registered globally too; `score()` emits its events through it. */
  readonly loggerProvider: LoggerProvider;
  forceFlush(): Promise<void>;
  /** Flushes, stops exporting and unregisters the globals setup registered; safe to call twice. */
  shutdown(): Promise<void>;
}

export interface TokenUsage {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheCreationTokens?: number;
  reasoningTokens?: number;
}

export interface ModelResponse {
  model?: string;
  id?: string;
  finishReasons?: readonly string[];
}

export interface DocumentRef {
  id: string;
  content?: string;
}

export interface ScoredDocument extends DocumentRef {
  /** Scores are recorded only when every document in the list has one, so ids and scores stay parallel. */
  score?: number;
}

export interface ChatToolCall {
  id: string;
  name: string;
  arguments?: unknown;
}

/** A chat message in the shape most provider SDKs use; recorded in the GenAI `parts` form. */
export interface ChatMessage {
  role: string;
  content?: string | null;
  toolCalls?: readonly ChatToolCall[];
  /** Set on `tool` messages: the call this message answers. */
  toolCallId?: string;
}

export interface PromptTemplateRef {
  name: string;
  version?: string;
}

/** What `fn` receives: the span, plus setters for facts known only once the call has run. */
export interface StageSpanBase {
  /** The underlying OpenTelemetry span, for anything the setters don't cover. */
  readonly span: Span;
}

export interface UsageRecorder {
  setUsage(usage: TokenUsage): void;
  setResponse(response: ModelResponse): void;
}

export interface DocumentsRecorder {
  setDocuments(documents: readonly ScoredDocument[]): void;
}

/** Output is content: it is kept until the span ends and recorded only when capture is on. */
export interface OutputRecorder<Output> {
  setOutput(output: Output): void;
}

export type GenerateSpan = StageSpanBase & UsageRecorder & OutputRecorder<string | ChatMessage>;
export type EmbedSpan = StageSpanBase & UsageRecorder;
export type RetrieveSpan = StageSpanBase & DocumentsRecorder;
export type RerankSpan = StageSpanBase & UsageRecorder & DocumentsRecorder;
export type ToolCallSpan = StageSpanBase & OutputRecorder<unknown>;
export type AgentSpan = StageSpanBase & UsageRecorder & OutputRecorder<unknown>;
export type WorkflowSpan = StageSpanBase & OutputRecorder<unknown>;

/**
 * What a stage helper returns for `fn`'s return type `T`: the same value, except that streams
 * (an AsyncIterable, or a promise of one) come back wrapped so the span can follow them.
 */
export type StageResult<T> =
  T extends AsyncIterable<infer Chunk>
    ? AsyncIterable<Chunk>
    : T extends PromiseLike<infer Value>
      ? Promise<Value extends AsyncIterable<infer Chunk> ? AsyncIterable<Chunk> : Value>
      : T;

/** Per-call departures from the settings `setupTracing` (or the environment) gave. */
export interface StageOverrides {
  /** Overrides content capture for this stage, e.g. from an instrumentation's own config. */
  captureContent?: boolean;
  /**
   * For a framework's own run spans (e.g. the LangChain handler's): begins the stage even where
   * it is marked as recorded above (`contextWithStageRecordedAbove`), because this span is that
   * record. Library instrumentations leave it unset, so they stand aside under the framework run.
   */
  frameworkRun?: boolean;
}

/**
 * A stage span whose end the caller decides: what the `begin*` functions return, for
 * instrumentations that must hand a library's own objects back untouched (its promise and
 * stream classes, with their extra methods) instead of the helpers' wrapped results.
 */
export interface StartedStage<StageSpan> {
  /** The same recorder the stage helpers hand to `fn`. */
  readonly span: StageSpan;
  /** Run the library call in this context, so work it does (HTTP client spans) nests under the stage. */
  readonly context: Context;
  /** Ends the span as a success; `result` feeds `extractDocuments` and return-value output as in the helpers. */
  succeed(result?: unknown): void;
  /** Records the error (exception event, `error.type`, status) and ends the span. */
  fail(error: unknown): void;
  /**
   * Makes the span follow `stream` by patching its async iterator in place: the same object
   * comes back, chunks untouched; the span ends when the stream completes, throws or is abandoned.
   */
  followStream<Stream extends AsyncIterable<unknown>>(stream: Stream, options?: FollowStreamOptions): Stream;
}

export interface FollowStreamOptions {
  /**
   * Sees every chunk of the source first and says whether the app gets it: a chunk kept back
   * (`false`) is skipped and the next one pulled in its place, and only the chunks the app gets
   * count as the span's chunks. For an instrumentation that asked the provider for something the
   * app did not (a usage-only last chunk). It runs inside the app's iteration: it must not throw.
   */
  keepChunk?: (chunk: unknown) => boolean;
}

/** How a call's result reaches its stage; only the first of these counts. */
export interface CallOutcome {
  /** The call's value: record it and end the stage (or hand a stream to it). */
  settle(value: unknown): void;
  fail(error: unknown): void;
  /** Ends the stage with what is already recorded, e.g. when the app took a raw response instead. */
  end(): void;
}

export interface CallInStageOptions {
  /** Records the value and ends the stage; defaults to `stage.succeed(value)`. */
  settle?: (value: unknown) => void;
  /**
   * Watches the result without changing it and reports its outcome; defaults to a side branch
   * on a promise (or settling a plain value at once). Libraries whose promises read lazily
   * (e.g. a response body read only when the app asks for it) bring their own.
   */
  observe?: (result: unknown, outcome: CallOutcome) => void;
}

/** What an instrumentation's `begin` hands `callInBegunStage`: the begun stage, and how to run the call in it. */
export interface BegunCall extends CallInStageOptions {
  readonly stage: StartedStage<unknown>;
  /** The arguments to call the library with, when the instrumentation adds to the request; the app's own otherwise. */
  readonly args?: readonly unknown[];
}

export interface StageOptionsBase {
  conversationId?: string;
  /** Extra attributes for the span, e.g. your own business keys. */
  attributes?: Attributes;
}

export interface ModelOptions {
  /** `gen_ai.provider.name`, e.g. `openai`, `anthropic`, `cohere`. */
  provider?: string;
}

export interface GenerateOptions<Chunk = unknown> extends StageOptionsBase, ModelOptions {
  model: string;
  /** Defaults to `chat`. */
  operation?: 'chat' | 'text_completion';
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTokens?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  stopSequences?: readonly string[];
  seed?: number;
  prompt?: PromptTemplateRef;
  /** Content: recorded as `gen_ai.input.messages` when capture is on. */
  messages?: readonly ChatMessage[];
  /** Content: recorded as `gen_ai.system_instructions` when capture is on. */
  systemInstructions?: string;
  /** Called for every chunk of a streamed response, e.g. to pick up usage from the final chunk. */
  onChunk?: (chunk: Chunk, span: GenerateSpan) => void;
}

export interface EmbedOptions extends StageOptionsBase, ModelOptions {
  model: string;
  /** Content: the texts being embedded (their count is always recorded). */
  input?: string | readonly string[];
  dimensions?: number;
}

export interface RetrieveOptions<Result = unknown> extends StageOptionsBase, ModelOptions {
  /** The index, collection or store searched (`gen_ai.data_source.id`); also names the span. */
  dataSource: string;
  topK?: number;
  /** Content: the query text. */
  query?: string;
  /** Derives the retrieved documents from `fn`'s result; annotate its parameter type. */
  extractDocuments?: (result: Result) => readonly ScoredDocument[];
}

export interface RerankOptions<Result = unknown> extends StageOptionsBase, ModelOptions {
  model?: string;
  /** How many documents the reranker keeps (recorded as `gen_ai.request.top_k`). */
  topN?: number;
  /** Content: the query the candidates are ranked against. */
  query?: string;
  /** The candidates; their ids are always recorded. */
  documents?: readonly DocumentRef[];
  /** Derives the reranked documents from `fn`'s result; annotate its parameter type. */
  extractDocuments?: (result: Result) => readonly ScoredDocument[];
}

export type ToolType = 'function' | 'extension' | 'datastore';

export interface ToolCallOptions extends StageOptionsBase {
  name: string;
  callId?: string;
  type?: ToolType;
  description?: string;
  /** Content: the call's arguments. The tool's return value is recorded as its result. */
  arguments?: unknown;
}

export interface AgentOptions extends StageOptionsBase, ModelOptions {
  name: string;
  id?: string;
  model?: string;
  /** Content: what the agent was asked. Its return value is recorded as its output. */
  input?: unknown;
}

export interface WorkflowOptions extends StageOptionsBase {
  name: string;
  /** Content: the workflow's input. Its return value is recorded as its output. */
  input?: unknown;
}

/** A run's dataset: what it was evaluated on, so runs on different data aren't compared blindly. */
export interface RunDataset {
  name: string;
  version?: string;
}

export interface StartRunOptions {
  /** Groups runs that are compared with each other, e.g. `support-bot-retrieval`. */
  experiment: string;
  /** Human-readable, e.g. the configuration being evaluated; the id stays unique. */
  name?: string;
  /** The configuration (MLflow-style params), recorded as text. */
  params?: Record<string, string | number | boolean>;
  tags?: Record<string, string>;
  dataset?: RunDataset;
}

export type RunEndStatus = 'finished' | 'failed' | 'killed';

/**
 * One run of an experiment. Its record goes to the collector (`/api/runs` under the OTLP
 * endpoint) when it starts and when it ends; spans started inside `within` carry its id.
 */
export interface Run {
  readonly id: string;
  readonly experiment: string;
  readonly name: string;
  /** Runs `fn` with this run active, so every span started in it (across await and callbacks) carries the run. */
  within<T>(fn: () => T): T;
  /**
   * Records the end (default `finished`). Never rejects: resolves once the record is delivered
   * or delivery failed (reported to OTel's diag logger). Calling it again returns the same promise.
   */
  end(options?: { status?: RunEndStatus }): Promise<void>;
}

/** Who or what judged: `human`, `llm` (an LLM acting as judge) or `code` (exact match, a metric). */
export type ScoreSource = EvaluationSource;

export interface ScoreOptions {
  /** The evaluator or metric, e.g. `faithfulness`, `answer_relevance`, `thumbs`. */
  name: string;
  /** A numeric score; give it, a label, or both. */
  value?: number;
  /** A categorical verdict, e.g. `relevant`, `pass`, `thumbs_up`. */
  label?: string;
  /** Why the evaluator decided so, e.g. the judge model's reasoning. */
  explanation?: string;
  source?: ScoreSource;
  /** The evaluated span (or its context); defaults to the active span. */
  span?: Span | SpanContext;
  /** Scores a trace by id after the fact (hex, as stored): a whole trace, or one span of it. */
  trace?: { traceId: string; spanId?: string };
}
