import { Hono, type Context } from 'hono';
import { requestId } from 'hono/request-id';
import { authorize, readOrIngest, type Authenticator } from '../auth/authenticate.js';
import type { KeyRight } from '../auth/key-rights.js';
import type { LogIngestor } from '../ingest/log-ingestor.js';
import type { TraceIngestor } from '../ingest/trace-ingestor.js';
import type { Logger } from '../logging/logger.js';
import type { CollectorMetrics } from '../metrics/index.js';
import { readLimitedStorage } from '../storage/read-limited-storage.js';
import type { ReadQueryLimits } from '../storage/read-query-limits.js';
import type { Storage } from '../storage/storage.js';
import { accessLog } from './access-log.js';
import { jsonErrorResponse } from './api/json-error-handler.js';
import { createPricesRoutes } from './api/prices-routes.js';
import { readAdmission } from './api/read-admission.js';
import { createRunsRoutes } from './api/runs-routes.js';
import { createScoresRoutes } from './api/scores-routes.js';
import { createTracesRoutes } from './api/traces-routes.js';
import { createClickHouseHttpRoutes } from './clickhouse/index.js';
import { concurrencyLimit } from './concurrency-limit.js';
import { countHttpRequests } from './count-http-requests.js';
import { createHealthRoutes } from './health-routes.js';
import { createMetricsRoutes } from './metrics-routes.js';
import { createOtlpLogsRoutes } from './otlp/otlp-logs-routes.js';
import { createOtlpTracesRoutes } from './otlp/otlp-traces-routes.js';
import { createReadinessCheck } from './readiness-check.js';
import { RequestSlots } from './request-slots.js';
import { serverErrorLog } from './server-error-log.js';

/** `/readyz` pings storage at most once a second and gives it half a second to answer. */
const READINESS = { timeoutMs: 500, cacheMs: 1000 };

export interface AppOptions {
  storage: Storage;
  metrics: CollectorMetrics;
  ingestor: TraceIngestor;
  logIngestor: LogIngestor;
  maxBodyBytes: number;
  /** Largest decompressed OTLP body as a multiple of its compressed size. */
  maxDecompressionRatio: number;
  /** OTLP requests handled at once, traces and logs together. */
  maxConcurrentRequests: number;
  /** Read queries (`/clickhouse`, GET `/api`) run at once; more get 429 at once. */
  maxConcurrentReads: number;
  /** Engine limits every reader's query runs under. */
  readLimits: ReadQueryLimits;
  /** Receives one access-log line per request. */
  logger: Logger;
  /** Who may send and read what; see auth/authenticate.ts. */
  authenticator: Authenticator;
  /** Why storage fails writes while requests are being spooled, if it does (see readiness-check.ts). */
  writeOutage?: () => unknown;
}

/** The collector's HTTP surface (README, "HTTP surface"). */
export function createApp({
  storage,
  metrics,
  ingestor,
  logIngestor,
  maxBodyBytes,
  maxDecompressionRatio,
  maxConcurrentRequests,
  maxConcurrentReads,
  readLimits,
  logger,
  writeOutage,
  authenticator,
}: AppOptions): Hono {
  const app = new Hono();
  const otlpLimit = concurrencyLimit(new RequestSlots(maxConcurrentRequests, 'requests'));
  // Readers get slots of their own, apart from ingest's: a burst of slow reads is refused
  // before it holds the engine's threads, and OTLP requests never wait behind it.
  const readerSlots = new RequestSlots(maxConcurrentReads, 'read queries');
  const readerStorage = readLimitedStorage(storage, readLimits);
  // A client-sent X-Request-Id is kept (so ids can follow a request across services),
  // otherwise one is made up; either way it is echoed in the response.
  app.use(requestId());
  app.use(accessLog(logger));
  app.use(serverErrorLog(logger));
  app.use(countHttpRequests(metrics));
  app.route('/', createHealthRoutes(createReadinessCheck(storage, { ...READINESS, writeOutage })));
  app.route('/', createMetricsRoutes(metrics.registry));
  // Health, readiness and metrics stay open: probes and scrapers carry no keys, and they
  // expose counts, never data.
  const ingest = authorize(authenticator, () => 'ingest');
  app.route(
    '/',
    createOtlpTracesRoutes({
      ingestor,
      maxBodyBytes,
      maxDecompressionRatio,
      concurrencyLimit: otlpLimit,
      authorize: ingest,
    }),
  );
  app.route(
    '/',
    createOtlpLogsRoutes({
      ingestor: logIngestor,
      maxBodyBytes,
      maxDecompressionRatio,
      concurrencyLimit: otlpLimit,
      authorize: ingest,
    }),
  );
  app.route(
    '/clickhouse',
    createClickHouseHttpRoutes({
      storage,
      readonly: true,
      maxBodyBytes,
      authorize: authorize(authenticator, () => 'read'),
      limits: readLimits,
      readerSlots,
    }),
  );
  const api = new Hono();
  // Errors of the middleware itself (401, 403) are answered as JSON like the routes' own.
  api.onError(jsonErrorResponse);
  api.use(authorize(authenticator, apiRight));
  api.use(readAdmission(readerSlots));
  api.route('/prices', createPricesRoutes({ storage: readerStorage }));
  api.route('/runs', createRunsRoutes({ storage: readerStorage }));
  api.route('/scores', createScoresRoutes({ ingestor: logIngestor, storage: readerStorage, maxBodyBytes }));
  api.route('/traces', createTracesRoutes({ storage: readerStorage }));
  app.route('/api', api);
  return app;
}

/** Prices are shared by every project, so changing them takes `admin`; other writes take `ingest`. */
function apiRight(c: Context): KeyRight {
  const right = readOrIngest(c);
  return right === 'ingest' && c.req.path.startsWith('/api/prices') ? 'admin' : right;
}
