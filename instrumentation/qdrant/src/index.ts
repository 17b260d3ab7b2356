/** OpenTelemetry instrumentation for @qdrant/js-client-rest: similarity queries as ragtrace retrieve stages. */
export { QdrantInstrumentation } from './qdrant-instrumentation.js';
export type { QdrantInstrumentationConfig } from './types.js';
