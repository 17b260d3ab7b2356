/** PineconeInstrumentation: placeholder until the instrumentation lands. */
export const PLACEHOLDER = 'pinecone';
