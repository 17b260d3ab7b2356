/** `@ragtrace/sdk/testing`: tracing set up in memory, for tests of code and instrumentations that record stages. */
export { setupMemoryTracing } from './memory-tracing.js';
export type { MemoryTracing } from './memory-tracing.js';
