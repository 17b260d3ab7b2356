/** OpenTelemetry instrumentation for @anthropic-ai/sdk: messages as ragtrace generate stages. */
export { AnthropicInstrumentation } from './anthropic-instrumentation.js';
export type { AnthropicInstrumentationConfig } from './types.js';
