import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

export interface CohereInstrumentationConfig extends InstrumentationConfig {
  /**
   * Record chat messages and replies, texts sent to embed, and rerank queries and documents. When
   * undefined, the SDK's settings decide (`setupTracing({ captureContent })` or
   * `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`), which default to off.
   */
  captureContent?: boolean;
}
