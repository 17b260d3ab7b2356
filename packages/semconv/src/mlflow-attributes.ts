/**
 * MLflow Tracing span attributes (`SpanAttributeKey` in mlflow/tracing/constant.py and the
 * mlflow-tracing TypeScript package). MLflow stores every value JSON-encoded, strings included.
 */
export const MLFLOW_ATTRIBUTES = {
  spanType: 'mlflow.spanType',
  spanInputs: 'mlflow.spanInputs',
  spanOutputs: 'mlflow.spanOutputs',
  /** `{input_tokens, output_tokens, total_tokens, cache_read_input_tokens?, …}`. */
  chatTokenUsage: 'mlflow.chat.tokenUsage',
  /** `{input_cost, output_cost, total_cost}` in USD. */
  llmCost: 'mlflow.llm.cost',
  llmModel: 'mlflow.llm.model',
  llmProvider: 'mlflow.llm.provider',
  traceRequestId: 'mlflow.traceRequestId',
} as const;
