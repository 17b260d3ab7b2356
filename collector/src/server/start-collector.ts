import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CollectorConfig } from '../config/collector-config.js';
import { createApp } from '../http/create-app.js';
import { BatchWriter } from '../ingest/batch-writer.js';
import { LogIngestor } from '../ingest/log-ingestor.js';
import { TraceIngestor } from '../ingest/trace-ingestor.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { CollectorMetrics } from '../metrics/index.js';
import { runMigrations } from '../storage/migrations/run-migrations.js';
import { openStorage } from '../storage/open-storage.js';
import type { Storage } from '../storage/storage.js';

export interface RunningCollector {
  /** Base URL the collector listens on, e.g. http://127.0.0.1:4318. */
  url: string;
  storage: Storage;
  /** Stops accepting, lets in-flight requests finish, stores everything accepted, closes storage. */
  close(): Promise<void>;
}

/** How long shutdown waits for in-flight requests before closing their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface StartOptions {
  /** Where access-log lines go; by default stderr, in the configured format and level. */
  logger?: Logger;
}

/** Opens and migrates storage, then starts listening; nothing is accepted before storage is ready. */
export async function startCollector(
  config: CollectorConfig,
  {
    logger = createLogger({ ...config.log, write: (line) => process.stderr.write(line) }),
  }: StartOptions = {},
): Promise<RunningCollector> {
  const storage = await openStorage(config.storage);
  try {
    await runMigrations(storage, {
      cluster: config.storage.kind === 'server' ? config.storage.cluster : undefined,
    });
  } catch (error) {
    await storage.close();
    throw error;
  }
  const metrics = new CollectorMetrics();
  const writer = newWriter(storage, 'otel_traces', config.batch, metrics);
  // Logs get a writer of their own: one insert targets one table.
  const logWriter = newWriter(storage, 'otel_logs', config.batch, metrics);
  const app = createApp({
    storage,
    metrics,
    ingestor: new TraceIngestor(writer, metrics, {
      maxSpansPerRequest: config.maxSpansPerRequest,
      maxAttributesPerSpan: config.maxAttributesPerSpan,
      maxAttributeValueLength: config.maxAttributeValueLength,
    }),
    logIngestor: new LogIngestor(logWriter, { maxAttributeValueLength: config.maxAttributeValueLength }),
    maxBodyBytes: config.maxBodyBytes,
    maxConcurrentRequests: config.maxConcurrentRequests,
    logger,
  });
  const server = await listen(app.fetch, config.host, config.port, config.timeouts).catch(
    async (error: unknown) => {
      await storage.close();
      throw error;
    },
  );
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    storage,
    close: () =>
      (closing ??= (async () => {
        const writers = [writer, logWriter];
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // Requests already in flight are still served and stored, without waiting for the batch
        // delay; a client that keeps a request open past the grace period is cut off.
        for (const each of writers) each.drain();
        const cutOff = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        await stopped;
        clearTimeout(cutOff);
        await Promise.all(writers.map((each) => each.close()));
        await storage.close();
      })()),
  };
}

/** A batch writer for `table` whose insert latency and queue depth show in `/metrics`. */
function newWriter(
  storage: Storage,
  table: string,
  batch: CollectorConfig['batch'],
  metrics: CollectorMetrics,
): BatchWriter {
  const insertDuration = metrics.insertDuration(table);
  const writer = new BatchWriter({
    storage,
    table,
    ...batch,
    observeInsertSeconds: (seconds) => insertDuration.observe(seconds),
  });
  metrics.trackQueuedRows(table, () => writer.queuedRows);
  return writer;
}

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  hostname: string,
  port: number,
  timeouts: CollectorConfig['timeouts'],
) {
  return new Promise<Server>((resolve, reject) => {
    const server = serve({
      fetch,
      hostname,
      port,
      // A slow client (headers dribbled byte by byte, a body that stalls) holds a socket and a
      // request slot; past these limits Node answers 408 and closes the connection. Keep-alive
      // is unaffected: the clock starts again with each request. Node only checks every
      // connectionsCheckingInterval (30 s by default), which would stretch short limits.
      serverOptions: {
        headersTimeout: timeouts.headersMs,
        requestTimeout: timeouts.requestMs,
        connectionsCheckingInterval: Math.max(50, Math.min(1000, timeouts.headersMs / 4)),
      },
    }) as Server;
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}
