import { Hono } from 'hono';
import type { Readiness } from './readiness-check.js';
import { errorStatus } from './error-status.js';

/**
 * `GET /healthz`: the process is up and serving (a liveness probe: restarting will not help a
 * storage outage). `GET /readyz`: storage answers too, so sending data here makes sense now.
 */
export function createHealthRoutes(checkReadiness: () => Promise<Readiness>): Hono {
  const routes = new Hono();
  routes.get('/healthz', (c) => c.json({ status: 'ok' }));
  routes.get('/readyz', async (c) => {
    const readiness = await checkReadiness();
    if (readiness.ready) return c.json({ status: 'ready' });
    // Not ready is 503 whatever went wrong; the mapped message says what did.
    return c.json({ status: 'not ready', reason: errorStatus(readiness.error).message }, 503);
  });
  return routes;
}
