/** OpenTelemetry instrumentation for @pinecone-database/pinecone: index queries as ragtrace retrieve stages. */
export { PineconeInstrumentation } from './pinecone-instrumentation.js';
export type { PineconeInstrumentationConfig } from './types.js';
