import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

export interface OpenAIInstrumentationConfig extends InstrumentationConfig {
  /**
   * Record prompts, instructions, replies (tool calls included) and embedded texts. When
   * undefined, the SDK's settings decide (`setupTracing({ captureContent })` or
   * `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`), which default to off.
   */
  captureContent?: boolean;
  /**
   * Streamed chat completions report token usage only when the caller sets
   * `stream_options.include_usage`. By default the request is left alone and the span carries
   * estimated counts (about four characters per token) marked `ragtrace.usage.estimated`. When
   * true, the instrumentation asks for usage itself and hides the provider's extra usage-only
   * chunk (and the `usage: null` it adds to every chunk), so the app sees the chunks it would
   * have seen without it. Default false.
   */
  requestStreamUsage?: boolean;
}
