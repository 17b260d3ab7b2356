/** OpenTelemetry instrumentation for chromadb: collection queries as ragtrace retrieve stages. */
export { ChromaInstrumentation } from './chroma-instrumentation.js';
export type { ChromaInstrumentationConfig } from './types.js';
