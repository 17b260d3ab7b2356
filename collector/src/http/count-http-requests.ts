import type { MiddlewareHandler } from 'hono';
import type { CollectorMetrics } from '../metrics/collector-metrics.js';
import { routePattern } from './route-pattern.js';

/** Counts every answered request by route pattern and status. Mount it with `app.use` before the routes. */
export function countHttpRequests(metrics: CollectorMetrics): MiddlewareHandler {
  return async (c, next) => {
    await next();
    metrics.countHttpRequest(routePattern(c), c.res.status);
  };
}
