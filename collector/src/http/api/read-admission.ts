import type { MiddlewareHandler } from 'hono';
import { withQuerySignal } from '../../storage/query-signal.js';
import { concurrencyLimit } from '../concurrency-limit.js';
import type { RequestSlots } from '../request-slots.js';

/**
 * Reads of the JSON API (GET) take one of the reader slots `/clickhouse` takes too, so readers
 * together never hold more of the engine than the collector leaves them; their queries stop
 * when the reader hangs up (storage/query-signal.ts). Writes (POST, PATCH…) pass: they are
 * ingest, which readers must not be able to starve, nor the other way round.
 */
export function readAdmission(readerSlots: RequestSlots): MiddlewareHandler {
  const limit = concurrencyLimit(readerSlots);
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    return limit(c, () => withQuerySignal(c.req.raw.signal, next));
  };
}
