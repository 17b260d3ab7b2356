/** Mock provider servers on loopback, for instrumentation tests, end-to-end tests and benchmarks. */
export { startLoopbackServer, sendJson } from './loopback-server.js';
export type { LoopbackServer, MockHandler, RecordedRequest } from './loopback-server.js';
export { sendServerSentEvents } from './server-sent-events.js';
export type { SseFrame } from './server-sent-events.js';
export { startAnthropicMockServer } from './anthropic-mock-server.js';
export type { AnthropicMockOptions } from './anthropic-mock-server.js';
export { startCohereMockServer, PROMPT_TEMPLATE_TOKENS } from './cohere-mock-server.js';
export type { CohereMockOptions } from './cohere-mock-server.js';
export { MOCK_VECTOR_RECORDS } from './vector-store-corpus.js';
export type { MockVectorRecord } from './vector-store-corpus.js';
export {
  startQdrantMockServer,
  QDRANT_MISSING_COLLECTION,
  QDRANT_ODD_SHAPE_COLLECTION,
} from './qdrant-mock-server.js';
export { startChromaMockServer, CHROMA_MISSING_COLLECTION } from './chroma-mock-server.js';
export { startPineconeMockServer, PINECONE_MISSING_INDEX } from './pinecone-mock-server.js';
export { startOpenAIMockServer, OPENAI_MOCK_USAGE, OPENAI_MOCK_ERRORS } from './openai-mock-server.js';
export type { OpenAIMockOptions } from './openai-mock-server.js';
export { collect, errorFacts, rejectionOf, theOnly } from './test-helpers.js';
export { startOtlpSink } from './otlp-sink.js';
export type { OtlpSink, ReceivedRequest } from './otlp-sink.js';
