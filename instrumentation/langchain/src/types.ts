import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

/** What the callback handler needs to know when it starts a stage. */
export interface RagtraceCallbackHandlerOptions {
  /**
   * Record prompts, replies, retrieval queries and documents' text, tool arguments/results and
   * chain inputs/outputs. When undefined, the SDK's settings decide (`setupTracing({ captureContent })`
   * or `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`), which default to off.
   */
  readonly captureContent?: boolean;
}

export interface LangChainInstrumentationConfig extends InstrumentationConfig {
  /** See {@link RagtraceCallbackHandlerOptions.captureContent}. */
  captureContent?: boolean;
}
