/** OpenTelemetry instrumentation for @langchain/core: runs as ragtrace stage spans. */
export { LangChainInstrumentation } from './langchain-instrumentation.js';
export { RagtraceCallbackHandler } from './ragtrace-callback-handler.js';
export type { LangChainInstrumentationConfig, RagtraceCallbackHandlerOptions } from './types.js';
