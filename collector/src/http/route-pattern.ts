import type { Context } from 'hono';
import { routePath } from 'hono/route';

/** The pattern Hono registers a path-less `app.use` middleware under. */
const MIDDLEWARE_PATTERN = '/*';
/** What requests no route handled are reported as: only path-less middleware matched them. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route pattern that answered the request, for metrics labels and access logs: the
 * pattern, not the URL, stays bounded whatever paths clients ask for. Call it from a
 * path-less middleware after `next()`.
 */
export function routePattern(c: Context): string {
  const route = routePath(c, -1);
  return route === MIDDLEWARE_PATTERN ? UNMATCHED_ROUTE : route;
}
