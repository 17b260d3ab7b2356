/** OpenTelemetry instrumentation for cohere-ai: chat, embed and rerank as ragtrace stages. */
export { CohereInstrumentation } from './cohere-instrumentation.js';
export type { CohereInstrumentationConfig } from './types.js';
