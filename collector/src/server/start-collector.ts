import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { CollectorConfig } from '../config/collector-config.js';
import { createAuthenticator } from '../auth/authenticate.js';
import { createApp } from '../http/create-app.js';
import { BatchWriter, type BatchWriterOptions } from '../ingest/batch-writer.js';
import { LogIngestor } from '../ingest/log-ingestor.js';
import { createStoredLogFilter, createStoredSpanFilter } from '../ingest/deduplication/index.js';
import { TraceIngestor } from '../ingest/trace-ingestor.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { CollectorMetrics } from '../metrics/index.js';
import { runMigrations } from '../schema/run-migrations.js';
import { openStorage } from '../storage/open-storage.js';
import type { Storage } from '../storage/storage.js';
import { Spool, SpoolingWriter, SpoolReplayer, type OpenSegmentFile } from '../spool/index.js';
import { capConnections } from './connection-cap.js';
import { threadPoolShortfall } from './thread-pool.js';

export interface RunningCollector {
  /** Base URL the collector listens on, e.g. http://127.0.0.1:4318. */
  url: string;
  storage: Storage;
  /** Stops accepting, lets in-flight requests finish, stores everything accepted, closes storage. */
  close(): Promise<void>;
}

/** How long shutdown waits for in-flight requests before closing their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Subdirectory of the data dir that holds the spool, in server mode as in embedded mode. */
const SPOOL_DIR = 'spool';

/** Wait before the replayer tries storage again after it failed a replay. */
const REPLAY_RETRY_DELAY_MS = 500;

/**
 * Failures of its own (not outages) a spooled record may have before it is quarantined: with
 * the retry delay, a few seconds for a fault of the moment to pass.
 */
const REPLAY_MAX_ATTEMPTS = 5;

/** Subdirectory of the spool that holds quarantined records (README, "Delivery guarantees"). */
const DEAD_LETTER_DIR = 'dead-letter';

export interface StartOptions {
  /** Where access-log lines go; by default stderr, in the configured format and level. */
  logger?: Logger;
  /**
   * Wraps storage once it is migrated, before anything writes to it: how tests inject storage
   * faults in embedded mode, where there is no server to break.
   */
  wrapStorage?: (storage: Storage) => Storage;
  /**
   * Creates the spool's segment files: how tests give the spool a small disk where they cannot
   * mount one (spool/test-support/small-disk.ts).
   */
  spoolSegmentFiles?: OpenSegmentFile;
}

/** Opens and migrates storage, then starts listening; nothing is accepted before storage is ready. */
export async function startCollector(
  config: CollectorConfig,
  {
    logger = createLogger({ ...config.log, write: (line) => process.stderr.write(line) }),
    wrapStorage = (opened) => opened,
    spoolSegmentFiles,
  }: StartOptions = {},
): Promise<RunningCollector> {
  // Before storage: an unreadable key file fails start-up at once.
  const authenticator = createAuthenticator(config.auth, (error) =>
    logger.error('key file unreadable; the keys loaded before stay in effect', { error: String(error) }),
  );
  const shortfall = threadPoolShortfall(process.env, config.maxConcurrentReads);
  if (shortfall !== undefined) logger.warn(shortfall);
  const opened = await openStorage(config.storage);
  try {
    await runMigrations(opened, {
      cluster: config.storage.kind === 'server' ? config.storage.cluster : undefined,
    });
  } catch (error) {
    await opened.close();
    throw error;
  }
  const storage = wrapStorage(opened);
  const metrics = new CollectorMetrics();
  const spoolDir = join(config.dataDir, SPOOL_DIR);
  const spool = await Spool.open({
    dir: spoolDir,
    maxBytes: config.spool.maxBytes,
    logger,
    openSegmentFile: spoolSegmentFiles,
  }).catch(async (error: unknown) => {
    await storage.close();
    throw error;
  });
  const writer = newWriter(storage, 'otel_traces', config.batch, metrics, {
    dropStored: createStoredSpanFilter(storage, (count) => metrics.countDeduplicatedSpans(count)),
  });
  // Logs get a writer of their own: one insert targets one table. Log records carry no id, so
  // a stored one is recognised by its content (README, "Delivery guarantees").
  const logWriter = newWriter(storage, 'otel_logs', config.batch, metrics, {
    dropStored: createStoredLogFilter(storage, (count) => metrics.countDeduplicatedLogRecords(count)),
  });
  const replayer = new SpoolReplayer({
    spool,
    writers: new Map([
      ['otel_traces', writer],
      ['otel_logs', logWriter],
    ]),
    maxRowsPerStep: Math.max(1, Math.min(config.batch.maxRows, Math.floor(config.batch.maxQueuedRows / 2))),
    retryDelayMs: REPLAY_RETRY_DELAY_MS,
    maxAttempts: REPLAY_MAX_ATTEMPTS,
    deadLetterDir: join(spoolDir, DEAD_LETTER_DIR),
    logger,
    onQuarantined: (table, reason) => metrics.countSpoolQuarantinedRecord(table, reason),
  });
  metrics.trackSpool({
    bytes: () => spool.bytes,
    records: () => spool.records,
    replayLagSeconds: () => {
      const oldest = spool.oldestRecordAtMs;
      return oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest) / 1000);
    },
  });
  const spooling = (table: string, direct: BatchWriter) =>
    new SpoolingWriter({
      table,
      direct,
      spool,
      spoolAfterMs: config.spool.afterMs,
      onSpooled: () => metrics.countSpooledRequest(table),
      onSpoolFull: () => metrics.countSpoolFullRejection(),
    });
  const app = createApp({
    storage,
    metrics,
    ingestor: new TraceIngestor(spooling('otel_traces', writer), metrics, {
      maxSpansPerRequest: config.maxSpansPerRequest,
      maxAttributesPerSpan: config.maxAttributesPerSpan,
      maxAttributeValueLength: config.maxAttributeValueLength,
    }),
    logIngestor: new LogIngestor(spooling('otel_logs', logWriter), {
      maxAttributeValueLength: config.maxAttributeValueLength,
    }),
    maxBodyBytes: config.maxBodyBytes,
    maxDecompressionRatio: config.maxDecompressionRatio,
    maxConcurrentRequests: config.maxConcurrentRequests,
    maxConcurrentReads: config.maxConcurrentReads,
    readLimits: config.readLimits,
    logger,
    writeOutage: () => replayer.outage,
    authenticator,
  });
  const server = await listen(app.fetch, config).catch(async (error: unknown) => {
    await spool.close();
    await storage.close();
    throw error;
  });
  // Leftovers of a previous process are replayed first; new requests queue behind them.
  replayer.start();
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
        // What the replayer has not stored stays in the spool for the next start.
        await replayer.stop();
        await Promise.all(writers.map((each) => each.close()));
        await spool.close();
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
  options: Pick<BatchWriterOptions, 'dropStored'> = {},
): BatchWriter {
  const insertDuration = metrics.insertDuration(table);
  const writer = new BatchWriter({
    storage,
    table,
    ...batch,
    ...options,
    observeInsertSeconds: (seconds) => insertDuration.observe(seconds),
  });
  metrics.trackQueuedRows(table, () => writer.queuedRows);
  return writer;
}

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  { host, port, timeouts, maxConnections }: CollectorConfig,
) {
  return new Promise<Server>((resolve, reject) => {
    const server = serve({
      fetch,
      hostname: host,
      port,
      // A slow client (headers dribbled byte by byte, a body that stalls) holds a socket and a
      // request slot; past these limits Node answers 408 and closes the connection. Keep-alive
      // is unaffected: the clock starts again with each request. Node only checks every
      // connectionsCheckingInterval (30 s by default), which would stretch short limits. A
      // connection that never sends a byte is closed after the headers timeout too.
      serverOptions: {
        headersTimeout: timeouts.headersMs,
        requestTimeout: timeouts.requestMs,
        connectionsCheckingInterval: Math.max(50, Math.min(1000, timeouts.headersMs / 4)),
      },
    }) as Server;
    capConnections(server, maxConnections);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}
