import { Hono } from 'hono';

/** `GET /healthz`: the collector only listens once storage is migrated, so answering means ready. */
export function createHealthRoutes(): Hono {
  const routes = new Hono();
  routes.get('/healthz', (c) => c.json({ status: 'ok' }));
  return routes;
}
