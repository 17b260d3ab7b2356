import { Hono } from 'hono';
import type { LogIngestor } from '../ingest/log-ingestor.js';
import type { TraceIngestor } from '../ingest/trace-ingestor.js';
import { countHttpRequests, type CollectorMetrics } from '../metrics/index.js';
import type { Storage } from '../storage/storage.js';
import { createPricesRoutes } from './api/prices-routes.js';
import { createRunsRoutes } from './api/runs-routes.js';
import { createScoresRoutes } from './api/scores-routes.js';
import { createTracesRoutes } from './api/traces-routes.js';
import { createClickHouseHttpRoutes } from './clickhouse/index.js';
import { createHealthRoutes } from './health-routes.js';
import { createMetricsRoutes } from './metrics-routes.js';
import { concurrencyLimit } from './otlp/concurrency-limit.js';
import { createOtlpLogsRoutes } from './otlp/otlp-logs-routes.js';
import { createOtlpTracesRoutes } from './otlp/otlp-traces-routes.js';

export interface AppOptions {
  storage: Storage;
  metrics: CollectorMetrics;
  ingestor: TraceIngestor;
  logIngestor: LogIngestor;
  maxBodyBytes: number;
  /** OTLP requests handled at once, traces and logs together. */
  maxConcurrentRequests: number;
}

/** The collector's HTTP surface (DESIGN.md §3). */
export function createApp({
  storage,
  metrics,
  ingestor,
  logIngestor,
  maxBodyBytes,
  maxConcurrentRequests,
}: AppOptions): Hono {
  const app = new Hono();
  const otlpLimit = concurrencyLimit(maxConcurrentRequests);
  app.use(countHttpRequests(metrics));
  app.route('/', createHealthRoutes());
  app.route('/', createMetricsRoutes(metrics.registry));
  app.route('/', createOtlpTracesRoutes({ ingestor, maxBodyBytes, concurrencyLimit: otlpLimit }));
  app.route('/', createOtlpLogsRoutes({ ingestor: logIngestor, maxBodyBytes, concurrencyLimit: otlpLimit }));
  app.route('/clickhouse', createClickHouseHttpRoutes({ storage, readonly: true, maxBodyBytes }));
  app.route('/api/prices', createPricesRoutes({ storage }));
  app.route('/api/runs', createRunsRoutes({ storage }));
  app.route('/api/scores', createScoresRoutes({ ingestor: logIngestor, storage, maxBodyBytes }));
  app.route('/api/traces', createTracesRoutes({ storage }));
  return app;
}
