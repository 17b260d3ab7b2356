import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

export interface ChromaInstrumentationConfig extends InstrumentationConfig {
  /**
   * Record the query texts and the returned documents. When undefined, the SDK's settings decide
   * (`setupTracing({ captureContent })` or `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`),
   * which default to off.
   */
  captureContent?: boolean;
}
