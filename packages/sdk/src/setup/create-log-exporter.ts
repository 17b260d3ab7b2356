import { OTLPLogExporter as OtlpJsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as OtlpProtobufLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { TraceExporterOptions } from '../types.js';
import { resolveExportProtocol } from './export-protocol.js';
import { resolveSignalUrl } from './signal-url.js';

/**
 * The OTLP/HTTP log exporter beside the trace exporter, configured the same way: the same
 * endpoint (with `/v1/logs`), protocol and headers options, and the logs variables of the
 * OTEL_* family (OTEL_EXPORTER_OTLP_LOGS_*) where the traces ones apply to spans.
 * @throws ConfigurationError for an unsupported protocol or a malformed endpoint.
 */
export function createLogExporter(options: TraceExporterOptions = {}): LogRecordExporter {
  const protocol = resolveExportProtocol(options.protocol, 'logs');
  const url = resolveSignalUrl(options.endpoint, 'logs');
  const config = {
    ...(url === undefined ? {} : { url }),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  };
  return protocol === 'http/json' ? new OtlpJsonLogExporter(config) : new OtlpProtobufLogExporter(config);
}
