import { Hono } from 'hono';
import { PROMETHEUS_TEXT_CONTENT_TYPE, type MetricsRegistry } from '../metrics/index.js';

/** `GET /metrics`: the collector's counters in the Prometheus text exposition format 0.0.4. */
export function createMetricsRoutes(registry: MetricsRegistry): Hono {
  const routes = new Hono();
  routes.get('/metrics', (c) =>
    c.body(registry.render(), 200, { 'Content-Type': PROMETHEUS_TEXT_CONTENT_TYPE }),
  );
  return routes;
}
