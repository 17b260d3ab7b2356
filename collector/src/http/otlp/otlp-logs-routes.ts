import type { Hono, MiddlewareHandler } from 'hono';
import type { LogIngestor } from '../../ingest/log-ingestor.js';
import { encodeLogsResponse } from '../../otlp/index.js';
import { createOtlpExportRoutes } from './otlp-export-routes.js';

export interface OtlpLogsRoutesOptions {
  ingestor: LogIngestor;
  /** Largest body accepted, both on the wire and after decompression. */
  maxBodyBytes: number;
  /** Largest decompressed size as a multiple of the compressed body. */
  maxDecompressionRatio: number;
  /** Shared with the other OTLP routes, so the cap counts every signal's requests together. */
  concurrencyLimit: MiddlewareHandler;
  /** Establishes the caller (whose project the data is stamped with) and checks its `ingest` right. */
  authorize: MiddlewareHandler;
}

/**
 * `POST /v1/logs` per OTLP/HTTP, with the transport rules of `/v1/traces`. GenAI events such as
 * `gen_ai.evaluation.result` arrive here; records without trace context are stored too.
 */
export function createOtlpLogsRoutes({
  ingestor,
  maxBodyBytes,
  maxDecompressionRatio,
  concurrencyLimit,
  authorize,
}: OtlpLogsRoutesOptions): Hono {
  return createOtlpExportRoutes({
    path: '/v1/logs',
    maxBodyBytes,
    maxDecompressionRatio,
    concurrencyLimit,
    authorize,
    handleExport: async (payload, format, caller, requestId) => {
      const result = await ingestor.ingest(payload, format, caller.project, requestId);
      return encodeLogsResponse(format, {
        rejectedLogRecords: result.rejectedLogRecords,
        errorMessage: result.rejectionMessage,
      });
    },
  });
}
