import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Caller } from '../../auth/caller.js';
import { encodeStatus } from '../../otlp/index.js';
import { errorStatus } from '../error-status.js';
import { PayloadTooLargeError } from '../http-errors.js';
import { decompressBody } from './decompress-body.js';
import { OTLP_CONTENT_TYPES, otlpFormatOf, type OtlpFormat } from './otlp-encoding.js';

export interface OtlpExportRoutesOptions {
  /** The signal's path, e.g. `/v1/traces`. */
  path: string;
  /** Largest body accepted, both on the wire and after decompression. */
  maxBodyBytes: number;
  /** Largest decompressed size as a multiple of the compressed body. */
  maxDecompressionRatio: number;
  /** Caps requests in flight across every OTLP signal (see concurrencyLimit); runs before the body is read. */
  concurrencyLimit: MiddlewareHandler;
  /**
   * Establishes the caller; runs first, so a request without a valid key neither takes a
   * request slot nor has its body read.
   */
  authorize: MiddlewareHandler;
  /**
   * Decodes and stores one export for `caller`; resolves with the success response body, encoded
   * in `format`. `requestId`: the request's X-Request-Id (see create-app.ts).
   */
  handleExport(
    payload: Uint8Array,
    format: OtlpFormat,
    caller: Caller,
    requestId: string,
  ): Promise<Uint8Array | string>;
}

/**
 * `POST <path>` per OTLP/HTTP, the transport every signal shares: protobuf or JSON, optionally
 * gzip, limited in size before and after decompression, answered in kind, with errors as a
 * `google.rpc.Status` whose HTTP status tells the client whether to retry.
 */
export function createOtlpExportRoutes({
  path,
  maxBodyBytes,
  maxDecompressionRatio,
  concurrencyLimit,
  authorize,
  handleExport,
}: OtlpExportRoutesOptions): Hono {
  const routes = new Hono();
  routes.post(
    path,
    authorize,
    concurrencyLimit,
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
      const payload = await decompressBody(
        wireBody,
        c.req.header('content-encoding'),
        maxBodyBytes,
        maxDecompressionRatio,
      );
      return respond(
        c,
        format,
        200,
        await handleExport(payload, format, c.get('caller'), c.get('requestId')),
      );
    },
  );
  routes.onError((error, c) => {
    const { status, message, retryAfterSeconds, challenge } = errorStatus(error);
    if (retryAfterSeconds !== undefined) c.header('Retry-After', String(retryAfterSeconds));
    if (challenge !== undefined) c.header('WWW-Authenticate', challenge);
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

/** google.rpc.Code values matching the HTTP statuses these routes return. */
function grpcCodeFor(status: number): number {
  switch (status) {
    case 400:
      return 3; // INVALID_ARGUMENT
    case 401:
      return 16; // UNAUTHENTICATED
    case 403:
      return 7; // PERMISSION_DENIED
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
