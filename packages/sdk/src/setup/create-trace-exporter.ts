import { OTLPTraceExporter as OtlpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { TraceExporterOptions } from '../types.js';
import { resolveExportProtocol } from './export-protocol.js';
import { resolveSignalUrl } from './signal-url.js';

/**
 * The OTLP/HTTP exporter setupTracing uses by default, for callers composing their own pipeline.
 * Only explicit options are passed on, so the exporter's own OTEL_* handling (endpoint paths,
 * headers, compression, timeout) stays in charge of everything else.
 * @throws ConfigurationError for an unsupported protocol or a malformed endpoint.
 */
export function createTraceExporter(options: TraceExporterOptions = {}): SpanExporter {
  const protocol = resolveExportProtocol(options.protocol, 'traces');
  const url = resolveSignalUrl(options.endpoint, 'traces');
  const config = {
    ...(url === undefined ? {} : { url }),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  };
  return protocol === 'http/json' ? new OtlpJsonTraceExporter(config) : new OtlpProtobufTraceExporter(config);
}
