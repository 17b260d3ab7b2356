/** QdrantInstrumentation: placeholder until the instrumentation lands. */
export const PLACEHOLDER = 'qdrant';
