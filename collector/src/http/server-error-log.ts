import type { MiddlewareHandler } from 'hono';
import type { RequestIdVariables } from 'hono/request-id';
import { describeError } from '../errors/describe-error.js';
import type { Logger } from '../logging/logger.js';
import { routePattern } from './route-pattern.js';

/**
 * One `error` line for every request answered 500, whichever route answered it: a 500 means
 * the collector itself failed, and its response says no more than that, so the line carries
 * what an operator needs to find out why — the request id the client saw in `X-Request-Id`,
 * and the error with its cause chain and stack. Mount it with `app.use` after `requestId()`.
 *
 * Every route's errors become responses in an `onError` handler (the OTLP routes', the JSON
 * API's, `/clickhouse`'s, or Hono's default), and Hono keeps the error it handled on the
 * context, so this one middleware sees them all.
 */
export function serverErrorLog(logger: Logger): MiddlewareHandler<{ Variables: RequestIdVariables }> {
  return async (c, next) => {
    await next();
    if (c.res.status !== 500) return;
    const error = c.error;
    logger.error('internal error', {
      requestId: c.get('requestId'),
      method: c.req.method,
      route: routePattern(c),
      ...(error === undefined
        ? { error: 'none: the route answered 500 itself' }
        : { error: describeError(error), stack: error.stack }),
    });
  };
}
