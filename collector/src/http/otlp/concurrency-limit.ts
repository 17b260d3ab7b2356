import type { MiddlewareHandler } from 'hono';
import { TooManyRequestsError } from '../http-errors.js';

/**
 * Lets at most `maxConcurrent` requests through at once and refuses the rest at once with a
 * retryable error, so a burst of exporters costs a quick 429 each instead of an unbounded
 * queue of bodies held in memory. One instance is shared by every route it guards.
 */
export function concurrencyLimit(maxConcurrent: number): MiddlewareHandler {
  let inFlight = 0;
  return async (_c, next) => {
    if (inFlight >= maxConcurrent) {
      throw new TooManyRequestsError(`more than ${maxConcurrent} requests in flight: retry shortly`);
    }
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  };
}
