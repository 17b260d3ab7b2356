/** OpenTelemetry instrumentation for the openai SDK: chat completions, Responses and embeddings as ragtrace stages. */
export { OpenAIInstrumentation } from './openai-instrumentation.js';
export type { OpenAIInstrumentationConfig } from './types.js';
