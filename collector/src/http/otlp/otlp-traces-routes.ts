import type { Hono, MiddlewareHandler } from 'hono';
import type { TraceIngestor } from '../../ingest/trace-ingestor.js';
import { encodeTracesResponse } from '../../otlp/index.js';
import { createOtlpExportRoutes } from './otlp-export-routes.js';

export interface OtlpTracesRoutesOptions {
  ingestor: TraceIngestor;
  /** Largest body accepted, both on the wire and after decompression. */
  maxBodyBytes: number;
  /** Largest decompressed size as a multiple of the compressed body. */
  maxDecompressionRatio: number;
  /** Shared with the other OTLP routes, so the cap counts every signal's requests together. */
  concurrencyLimit: MiddlewareHandler;
  /** Establishes the caller (whose project the data is stamped with) and checks its `ingest` right. */
  authorize: MiddlewareHandler;
}

/** `POST /v1/traces` per OTLP/HTTP: protobuf or JSON, optionally gzip, answered in kind. */
export function createOtlpTracesRoutes({
  ingestor,
  maxBodyBytes,
  maxDecompressionRatio,
  concurrencyLimit,
  authorize,
}: OtlpTracesRoutesOptions): Hono {
  return createOtlpExportRoutes({
    path: '/v1/traces',
    maxBodyBytes,
    maxDecompressionRatio,
    concurrencyLimit,
    authorize,
    handleExport: async (payload, format, caller, requestId) => {
      const result = await ingestor.ingest(payload, format, caller.project, requestId);
      return encodeTracesResponse(format, {
        rejectedSpans: result.rejectedSpans,
        errorMessage: result.rejectionMessage,
      });
    },
  });
}
