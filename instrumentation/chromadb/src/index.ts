/** ChromaInstrumentation: placeholder until the instrumentation lands. */
export const PLACEHOLDER = 'chromadb';
