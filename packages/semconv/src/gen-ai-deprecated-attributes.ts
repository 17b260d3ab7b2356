/**
 * GenAI attribute and event names that earlier releases of the OpenTelemetry GenAI conventions
 * defined and later renamed or removed (model/gen-ai/deprecated in the semantic-conventions
 * repository). Instrumentations still emit them, so the collector maps them to the current keys.
 */
export const GEN_AI_DEPRECATED_ATTRIBUTES = {
  /** Renamed to `gen_ai.provider.name`. */
  system: 'gen_ai.system',
  /** Renamed to `gen_ai.usage.input_tokens`. */
  usagePromptTokens: 'gen_ai.usage.prompt_tokens',
  /** Renamed to `gen_ai.usage.output_tokens`. */
  usageCompletionTokens: 'gen_ai.usage.completion_tokens',
  /** Renamed to `gen_ai.request.seed`. */
  openaiRequestSeed: 'gen_ai.openai.request.seed',
  /** Removed: the prompt as a JSON list of `{role, content}`, on the span or on the event below. */
  prompt: 'gen_ai.prompt',
  /** Removed: the completion as a JSON list of `{role, content}`. */
  completion: 'gen_ai.completion',
  /** Removed span events that carried `gen_ai.prompt` / `gen_ai.completion`. */
  contentPromptEvent: 'gen_ai.content.prompt',
  contentCompletionEvent: 'gen_ai.content.completion',
} as const;
