/** A small, realistic RAG application instrumented with @ragtrace/sdk; `ragtrace demo` runs it. */
export { runDemo } from './run-demo.js';
export { runDemoCli } from './cli/demo-cli.js';
export { BASELINE, WIDE_CONTEXT, DEMO_CONFIGURATIONS } from './configurations.js';
export type { DemoCliIo, DemoCliOptions } from './cli/demo-cli.js';
export type {
  ConfigurationSummary,
  DemoOptions,
  DemoSummary,
  PromptTemplate,
  RagConfiguration,
  RetrievedPassage,
} from './types.js';
