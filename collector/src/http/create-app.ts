import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { LogIngestor } from '../ingest/log-ingestor.js';
import type { TraceIngestor } from '../ingest/trace-ingestor.js';
import type { Logger } from '../logging/logger.js';
import { countHttpRequests, type CollectorMetrics } from '../metrics/index.js';
import type { Storage } from '../storage/storage.js';
import { accessLog } from './access-log.js';
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
import { createReadinessCheck } from './readiness-check.js';

/** `/readyz` pings storage at most once a second and gives it half a second to answer. */
const READINESS = { timeoutMs: 500, cacheMs: 1000 };

export interface AppOptions {
  storage: Storage;
  metrics: CollectorMetrics;
  ingestor: TraceIngestor;
  logIngestor: LogIngestor;
  maxBodyBytes: number;
  /** OTLP requests handled at once, traces and logs together. */
  maxConcurrentRequests: number;
  /** Receives one access-log line per request. */
  logger: Logger;
}

/** The collector's HTTP surface (DESIGN.md §3). */
export function createApp({
  storage,
  metrics,
  ingestor,
  logIngestor,
  maxBodyBytes,
  maxConcurrentRequests,
  logger,
}: AppOptions): Hono {
  const app = new Hono();
  const otlpLimit = concurrencyLimit(maxConcurrentRequests);
  // A client-sent X-Request-Id is kept (so ids can follow a request across services),
  // otherwise one is made up; either way it is echoed in the response.
  app.use(requestId());
  app.use(accessLog(logger));
  app.use(countHttpRequests(metrics));
  app.route('/', createHealthRoutes(createReadinessCheck(storage, READINESS)));
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
