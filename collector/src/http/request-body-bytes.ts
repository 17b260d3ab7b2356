import type { Context } from 'hono';

/**
 * Returns a reader of how many body bytes the request carried. A declared Content-Length is
 * exact (Node enforces it); a chunked body, as OTLP exporters send, is counted as the
 * handler reads it, through a pass-through stream. Call it before `next()` and read the
 * count after: a body the handler never read counts as what was read of it.
 */
export function requestBodyBytes(c: Context): () => number {
  const declared = c.req.header('content-length');
  const body = c.req.raw.body;
  if (declared !== undefined || body === null) return () => Number(declared ?? 0);
  let bytes = 0;
  const counting = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  c.req.raw = new Request(c.req.raw, { body: body.pipeThrough(counting), duplex: 'half' });
  return () => bytes;
}
