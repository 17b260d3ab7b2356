import type { MiddlewareHandler } from 'hono';
import type { RequestSlots } from './request-slots.js';

/**
 * Holds one of `slots` for each request while its handler runs, refusing the request at once
 * (429 + Retry-After) when none is free. One set of slots may guard several routes.
 */
export function concurrencyLimit(slots: RequestSlots): MiddlewareHandler {
  return async (_c, next) => {
    const release = slots.acquire();
    try {
      await next();
    } finally {
      release();
    }
  };
}
