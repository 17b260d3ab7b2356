import type { Hono, MiddlewareHandler } from 'hono';
import type { TraceIngestor } from '../../ingest/trace-ingestor.js';
import { encodeTracesResponse } from '../../otlp/index.js';
import { createOtlpExportRoutes } from './otlp-export-routes.js';

export interface OtlpTracesRoutesOptions {
  ingestor: TraceIngestor;
  /** Largest body accepted, both on the wire and after decompression. */
  maxBodyBytes: number;
  /** Shared with the other OTLP routes, so the cap counts every signal's requests together. */
  concurrencyLimit: MiddlewareHandler;
}

/** `POST /v1/traces` per OTLP/HTTP: protobuf or JSON, optionally gzip, answered in kind. */
export function createOtlpTracesRoutes({
  ingestor,
  maxBodyBytes,
  concurrencyLimit,
}: OtlpTracesRoutesOptions): Hono {
  return createOtlpExportRoutes({
    path: '/v1/traces',
    maxBodyBytes,
    concurrencyLimit,
    handleExport: async (payload, format) => {
      const result = await ingestor.ingest(payload, format);
      return encodeTracesResponse(format, {
        rejectedSpans: result.rejectedSpans,
        errorMessage: result.rejectionMessage,
      });
    },
  });
}
