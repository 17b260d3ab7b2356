import { Hono } from 'hono';
import type { TraceIngestor } from '../ingest/trace-ingestor.js';
import type { Storage } from '../storage/storage.js';
import { createClickHouseHttpRoutes } from './clickhouse/index.js';
import { createHealthRoutes } from './health-routes.js';
import { createOtlpTracesRoutes } from './otlp/otlp-traces-routes.js';

export interface AppOptions {
  storage: Storage;
  ingestor: TraceIngestor;
  maxBodyBytes: number;
}

/** The collector's HTTP surface (DESIGN.md §3). */
export function createApp({ storage, ingestor, maxBodyBytes }: AppOptions): Hono {
  const app = new Hono();
  app.route('/', createHealthRoutes());
  app.route('/', createOtlpTracesRoutes({ ingestor, maxBodyBytes }));
  app.route('/clickhouse', createClickHouseHttpRoutes({ storage, readonly: true, maxBodyBytes }));
  return app;
}
