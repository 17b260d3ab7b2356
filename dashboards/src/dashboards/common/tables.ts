/**
 * The tables the panels read, qualified with ragtrace's default database (`RAGTRACE_DATABASE`),
 * so they work whatever default database the datasource is configured with.
 */
export const GENAI_SPANS = 'otel.genai_spans';
export const GENAI_SCORES = 'otel.genai_scores';
/** One row per document a retrieve span returned or a rerank span kept, with rank and score. */
export const GENAI_RETRIEVED_DOCUMENTS = 'otel.genai_retrieved_documents';
/** ReplacingMergeTree: read with FINAL to see one row per run. */
export const GENAI_RUNS = 'otel.genai_runs FINAL';
export const OTEL_TRACES = 'otel.otel_traces';
/** First and last span time per trace id: bounds the partitions a trace lookup reads. */
export const OTEL_TRACES_TRACE_ID_TS = 'otel.otel_traces_trace_id_ts';
