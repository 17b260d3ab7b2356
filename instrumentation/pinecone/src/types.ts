import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

export interface PineconeInstrumentationConfig extends InstrumentationConfig {
  /**
   * Record the returned matches' metadata (a hit's fields; as JSON) as document content, and the
   * text of a `searchRecords` query. When undefined, the SDK's settings decide
   * (`setupTracing({ captureContent })` or `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`),
   * which default to off.
   */
  captureContent?: boolean;
}
