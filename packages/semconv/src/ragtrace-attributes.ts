/**
 * ragtrace's own attribute names, for facts the GenAI conventions have no key for.
 * Every `ragtrace.*` key in the project is defined here and nowhere else.
 */

/** RAG stage of a span: one of {@link RAG_STAGE}. */
export const ATTR_RAGTRACE_STAGE = 'ragtrace.stage';

export const ATTR_RAGTRACE_PROMPT_VERSION = 'ragtrace.prompt.version';

/** Seconds from request start to the first streamed chunk. */
export const ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK = 'ragtrace.response.time_to_first_chunk';
/** Number of chunks a streaming response yielded before it ended. */
export const ATTR_RAGTRACE_STREAM_CHUNK_COUNT = 'ragtrace.response.chunk_count';
/** How a stream ended: `completed`, `error` or `abandoned` (the consumer stopped early). */
export const ATTR_RAGTRACE_STREAM_OUTCOME = 'ragtrace.response.stream_outcome';

/** Values of {@link ATTR_RAGTRACE_STREAM_OUTCOME}. */
export const STREAM_OUTCOME = {
  completed: 'completed',
  error: 'error',
  abandoned: 'abandoned',
} as const;
export type StreamOutcome = (typeof STREAM_OUTCOME)[keyof typeof STREAM_OUTCOME];

/** Retrieval: how many documents came back, and their ids/scores (parallel arrays). */
export const ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT = 'ragtrace.retrieval.document_count';
export const ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS = 'ragtrace.retrieval.document_ids';
export const ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES = 'ragtrace.retrieval.document_scores';

/** Rerank: documents in, documents out (ids and scores in output order). */
export const ATTR_RAGTRACE_RERANK_INPUT_COUNT = 'ragtrace.rerank.input_count';
export const ATTR_RAGTRACE_RERANK_INPUT_IDS = 'ragtrace.rerank.input_ids';
export const ATTR_RAGTRACE_RERANK_OUTPUT_IDS = 'ragtrace.rerank.output_ids';
export const ATTR_RAGTRACE_RERANK_OUTPUT_SCORES = 'ragtrace.rerank.output_scores';

/** Embeddings: how many inputs one call embedded. */
export const ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT = 'ragtrace.embeddings.input_count';

/** Opt-in content for stages the GenAI conventions don't cover (JSON strings). */
export const ATTR_RAGTRACE_INPUT_CONTENT = 'ragtrace.input';
export const ATTR_RAGTRACE_OUTPUT_CONTENT = 'ragtrace.output';

/** Experiment tracking: the run and experiment a span belongs to. */
export const ATTR_RAGTRACE_RUN_ID = 'ragtrace.run.id';
export const ATTR_RAGTRACE_EXPERIMENT_NAME = 'ragtrace.experiment.name';
/** Human-readable name of the run (the configuration it evaluates), next to its unique id. */
export const ATTR_RAGTRACE_RUN_NAME = 'ragtrace.run.name';
/** Workflow/agent name when the caller gives one (`gen_ai.agent.name` covers agents). */
export const ATTR_RAGTRACE_WORKFLOW_NAME = 'ragtrace.workflow.name';

/** Stages a span can belong to. */
export const RAG_STAGE = {
  embed: 'embed',
  retrieve: 'retrieve',
  rerank: 'rerank',
  generate: 'generate',
  tool: 'tool',
  agent: 'agent',
  workflow: 'workflow',
  other: 'other',
} as const;
export type RagStage = (typeof RAG_STAGE)[keyof typeof RAG_STAGE];

/** Cost in USD as reported by the instrumentation; wins over the collector's price table. */
export const ATTR_RAGTRACE_USAGE_COST_USD = 'ragtrace.usage.cost_usd';
/** `true` when token counts were estimated rather than reported by the provider. */
export const ATTR_RAGTRACE_USAGE_ESTIMATED = 'ragtrace.usage.estimated';
/** Convention the collector recognised a span as coming from (`otel_genai`, `openinference`, …). */
export const ATTR_RAGTRACE_SOURCE_CONVENTION = 'ragtrace.source.convention';
/** Values of {@link ATTR_RAGTRACE_SOURCE_CONVENTION}; `none` when no GenAI convention was found. */
export const SOURCE_CONVENTION = {
  otelGenAi: 'otel_genai',
  openinference: 'openinference',
  openllmetry: 'openllmetry',
  vercelAi: 'vercel_ai',
  mlflow: 'mlflow',
  ragtrace: 'ragtrace',
  none: 'none',
} as const;
export type SourceConvention = (typeof SOURCE_CONVENTION)[keyof typeof SOURCE_CONVENTION];
/** Dataset a run evaluated, and its version. */
export const ATTR_RAGTRACE_DATASET_NAME = 'ragtrace.dataset.name';
export const ATTR_RAGTRACE_DATASET_VERSION = 'ragtrace.dataset.version';
/** Who produced an evaluation score: `human`, `llm` or `code`. */
export const ATTR_RAGTRACE_EVALUATION_SOURCE = 'ragtrace.evaluation.source';
/** Values of {@link ATTR_RAGTRACE_EVALUATION_SOURCE}. */
export const EVALUATION_SOURCE = {
  human: 'human',
  llm: 'llm',
  code: 'code',
} as const;
export type EvaluationSource = (typeof EVALUATION_SOURCE)[keyof typeof EVALUATION_SOURCE];

/**
 * Set by the collector on a span that arrived with more attributes than it keeps
 * (RAGTRACE_MAX_ATTRIBUTES_PER_SPAN): how many it dropped.
 */
export const ATTR_RAGTRACE_DROPPED_ATTRIBUTES_COUNT = 'ragtrace.dropped_attributes_count';

/**
 * Resource attribute the collector sets on every span and log record it stores: the project of
 * the API key that sent it (`default` when auth is off). Overwritten on ingest, never trusted
 * from the client.
 */
export const ATTR_RAGTRACE_PROJECT = 'ragtrace.project';
