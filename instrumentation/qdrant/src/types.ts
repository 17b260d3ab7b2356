import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

export interface QdrantInstrumentationConfig extends InstrumentationConfig {
  /**
   * Record the returned points' payloads (as JSON) as document content, and the text of a
   * `Document` query. When undefined, the SDK's settings decide (`setupTracing({ captureContent })`
   * or `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`), which default to off.
   */
  captureContent?: boolean;
}
