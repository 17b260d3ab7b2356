/** One span per RAG stage, on OpenTelemetry: set up tracing once, wrap each stage in its helper. */
export { setupTracing } from './setup/setup-tracing.js';
export { createTraceExporter } from './setup/create-trace-exporter.js';
export { ConfigurationError } from './configuration-error.js';
export { embed } from './stages/embed.js';
export { retrieve } from './stages/retrieve.js';
export { rerank } from './stages/rerank.js';
export { generate } from './stages/generate.js';
export { toolCall } from './stages/tool-call.js';
export { agent } from './stages/agent.js';
export { workflow } from './stages/workflow.js';
// The open-ended forms, for instrumentations that hand a library's own objects back.
export { beginEmbed } from './stages/embed.js';
export { beginRetrieve } from './stages/retrieve.js';
export { beginRerank } from './stages/rerank.js';
export { beginGenerate } from './stages/generate.js';
export { beginToolCall } from './stages/tool-call.js';
export { beginAgent } from './stages/agent.js';
export { beginWorkflow } from './stages/workflow.js';
export { callInBegunStage, callInStage, observeOnSideBranch } from './stages/call-in-stage.js';
export { contextWithStageRecordedAbove, isStageRecordedAbove } from './stages/recorded-above.js';
export { isAsyncIterable, isPromiseLike } from './stages/result-shape.js';
export { score } from './scores/score.js';
export { startRun } from './runs/start-run.js';
export { RunSpanProcessor } from './runs/run-span-processor.js';
export type {
  AgentOptions,
  AgentSpan,
  BegunCall,
  CallInStageOptions,
  CallOutcome,
  ChatMessage,
  ChatToolCall,
  ContentKind,
  DocumentRef,
  DocumentsRecorder,
  EmbedOptions,
  EmbedSpan,
  FollowStreamOptions,
  ExportProtocol,
  GenerateOptions,
  GenerateSpan,
  ModelOptions,
  ModelResponse,
  OutputRecorder,
  PromptTemplateRef,
  RedactContext,
  RedactHook,
  RerankOptions,
  RerankSpan,
  RetrieveOptions,
  RetrieveSpan,
  Run,
  RunDataset,
  RunEndStatus,
  ScoredDocument,
  ScoreOptions,
  ScoreSource,
  SetupTracingOptions,
  StartRunOptions,
  StageOptionsBase,
  StageOverrides,
  StartedStage,
  StageResult,
  StageSpanBase,
  TokenUsage,
  ToolCallOptions,
  ToolCallSpan,
  ToolType,
  TraceExporterOptions,
  TracingHandle,
  UsageRecorder,
  WorkflowOptions,
  WorkflowSpan,
} from './types.js';
