import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { TraceIngestor } from '../../ingest/trace-ingestor.js';
import { encodeStatus, encodeTracesResponse } from '../../otlp/index.js';
import { errorStatus } from '../error-status.js';
import { PayloadTooLargeError } from '../http-errors.js';
import { decompressBody } from './decompress-body.js';
import { OTLP_CONTENT_TYPES, otlpFormatOf, type OtlpFormat } from './otlp-encoding.js';

export interface OtlpTracesRoutesOptions {
  ingestor: TraceIngestor;
  /** Largest body accepted, both on the wire and after decompression. */
  maxBodyBytes: number;
}

/** `POST /v1/traces` per OTLP/HTTP: protobuf or JSON, optionally gzip, answered in kind. */
export function createOtlpTracesRoutes({ ingestor, maxBodyBytes }: OtlpTracesRoutesOptions): Hono {
  const routes = new Hono();
  routes.post(
    '/v1/traces',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => {
        // The rest of the body is never read, so this connection can't carry another request:
        // tell keep-alive clients (the OTLP exporters) to open a new one.
        c.header('Connection', 'close');
        throw new PayloadTooLargeError(`body exceeds the ${maxBodyBytes}-byte limit`);
      },
    }),
    async (c) => {
      const format = otlpFormatOf(c.req.header('content-type'));
      const wireBody = new Uint8Array(await c.req.arrayBuffer());
      const payload = await decompressBody(wireBody, c.req.header('content-encoding'), maxBodyBytes);
      const result = await ingestor.ingest(payload, format);
      return respond(
        c,
        format,
        200,
        encodeTracesResponse(format, {
          rejectedSpans: result.rejectedSpans,
          errorMessage: result.rejectionMessage,
        }),
      );
    },
  );
  routes.onError((error, c) => {
    const { status, message, retryAfterSeconds } = errorStatus(error);
    if (retryAfterSeconds !== undefined) c.header('Retry-After', String(retryAfterSeconds));
    const format = requestFormatOrJson(c);
    // OTLP/HTTP error bodies are a google.rpc.Status in the request's encoding.
    return respond(c, format, status, encodeStatus(format, grpcCodeFor(status), message));
  });
  return routes;
}

function respond(c: Context, format: OtlpFormat, status: number, body: Uint8Array | string): Response {
  return c.body(typeof body === 'string' ? body : (body as Uint8Array<ArrayBuffer>), status as 200, {
    'Content-Type': OTLP_CONTENT_TYPES[format],
  });
}

/** Errors about the content type itself still need some encoding; JSON is the readable one. */
function requestFormatOrJson(c: Context): OtlpFormat {
  try {
    return otlpFormatOf(c.req.header('content-type'));
  } catch {
    return 'json';
  }
}

/** google.rpc.Code values matching the HTTP statuses this route returns. */
function grpcCodeFor(status: number): number {
  switch (status) {
    case 400:
      return 3; // INVALID_ARGUMENT
    case 413:
      return 8; // RESOURCE_EXHAUSTED
    case 415:
      return 3; // INVALID_ARGUMENT
    case 429:
    case 503:
      return 14; // UNAVAILABLE
    default:
      return 13; // INTERNAL
  }
}
