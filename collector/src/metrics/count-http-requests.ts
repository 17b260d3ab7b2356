import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { CollectorMetrics } from './collector-metrics.js';

/** The pattern Hono registers a path-less `app.use` middleware under, such as this one. */
const MIDDLEWARE_PATTERN = '/*';
/** The route label of requests no route handled: only this middleware matched them. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * Counts every answered request by route pattern and status. The pattern, not the URL, keeps
 * the number of series bounded whatever paths clients ask for. Mount it with `app.use` before
 * the routes.
 */
export function countHttpRequests(metrics: CollectorMetrics): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const route = routePath(c, -1);
    metrics.countHttpRequest(route === MIDDLEWARE_PATTERN ? UNMATCHED_ROUTE : route, c.res.status);
  };
}
