/**
 * Environment variables the SDK reads itself. The OTLP exporter and the resource detector read
 * the rest of the OTEL_* family (endpoint paths, headers, compression, service name) on their own.
 */
export const ENV_OTLP_ENDPOINT = 'OTEL_EXPORTER_OTLP_ENDPOINT';
export const ENV_OTLP_TRACES_ENDPOINT = 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT';
export const ENV_OTLP_PROTOCOL = 'OTEL_EXPORTER_OTLP_PROTOCOL';
export const ENV_OTLP_TRACES_PROTOCOL = 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL';
export const ENV_OTLP_LOGS_ENDPOINT = 'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT';
export const ENV_OTLP_LOGS_PROTOCOL = 'OTEL_EXPORTER_OTLP_LOGS_PROTOCOL';
export const ENV_OTLP_HEADERS = 'OTEL_EXPORTER_OTLP_HEADERS';
export const ENV_SERVICE_NAME = 'OTEL_SERVICE_NAME';
/** The switch other GenAI instrumentations (Python, contrib) use for content capture. */
export const ENV_GENAI_CAPTURE_CONTENT = 'OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT';
export const ENV_RAGTRACE_CAPTURE_CONTENT = 'RAGTRACE_CAPTURE_CONTENT';

/** A variable's value, treating set-but-blank as unset (as the OTel SDKs do). */
export function readEnvironment(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}
