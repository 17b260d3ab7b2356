import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

export type ExporterKind = 'protobuf' | 'json';

/**
 * Sends spans through the official OTLP/HTTP exporter and resolves with its verdict, so a
 * test sees exactly what an instrumented service would: success, or the exporter's error.
 */
export async function exportSpans(
  collectorUrl: string,
  spans: ReadableSpan[],
  kind: ExporterKind,
  gzip: boolean,
): Promise<ExportResult> {
  const options = {
    url: `${collectorUrl}/v1/traces`,
    compression: gzip ? CompressionAlgorithm.GZIP : CompressionAlgorithm.NONE,
  };
  const exporter =
    kind === 'protobuf' ? new OtlpProtobufExporter(options) : new OtlpHttpJsonExporter(options);
  try {
    return await new Promise<ExportResult>((resolve) => exporter.export(spans, resolve));
  } finally {
    await exporter.shutdown();
  }
}

export function assertExported(result: ExportResult): void {
  if (result.code !== ExportResultCode.SUCCESS) {
    throw new Error(`export failed: ${result.error?.message ?? 'unknown error'}`);
  }
}
