import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

export interface AnthropicInstrumentationConfig extends InstrumentationConfig {
  /**
   * Record prompts, system instructions and replies (tool calls included). When undefined, the
   * SDK's settings decide (`setupTracing({ captureContent })` or
   * `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`), which default to off.
   */
  captureContent?: boolean;
}
