import type { MiddlewareHandler } from 'hono';
import type { RequestIdVariables } from 'hono/request-id';
import type { Logger } from '../logging/logger.js';
import { requestBodyBytes } from './request-body-bytes.js';
import { routePattern } from './route-pattern.js';

/**
 * One `request` line per answered request. Mount it with `app.use` after `requestId()`, so
 * the line carries the id the client sees in `X-Request-Id`.
 */
export function accessLog(logger: Logger): MiddlewareHandler<{ Variables: RequestIdVariables }> {
  return async (c, next) => {
    const started = performance.now();
    const bytesIn = requestBodyBytes(c);
    await next();
    logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      route: routePattern(c),
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      bytesIn: bytesIn(),
    });
  };
}
