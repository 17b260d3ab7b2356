import { join, resolve } from 'node:path';
import { DEFAULT_KEYS_FILE_NAME } from '../auth/key-file.js';
import type { LogFormat, LogLevel } from '../logging/logger.js';
import type { StorageTarget } from '../storage/open-storage.js';
import type { ReadQueryLimits } from '../storage/read-query-limits.js';
import { defaultAuthMode, type AuthMode } from './auth-mode.js';
import { COLLECTOR_SETTINGS } from './collector-settings.js';
import { ConfigError } from './config-error.js';
import { resolveSetting } from './settings.js';

export interface CollectorConfig {
  host: string;
  port: number;
  dataDir: string;
  storage: StorageTarget;
  maxBodyBytes: number;
  maxDecompressionRatio: number;
  /** Slow-client limits of the HTTP server (Node's headersTimeout and requestTimeout). */
  timeouts: { headersMs: number; requestMs: number };
  maxConcurrentRequests: number;
  /** Read queries run at once, and the engine limits each runs under (README, "Readers and writers"). */
  maxConcurrentReads: number;
  readLimits: ReadQueryLimits;
  /** Client connections open at once (server/connection-cap.ts). */
  maxConnections: number;
  maxSpansPerRequest: number;
  maxAttributesPerSpan: number;
  maxAttributeValueLength: number;
  batch: { maxRows: number; maxDelayMs: number; maxQueuedRows: number };
  /** The local spool under `dataDir` (server mode too) and when requests go to it. */
  spool: { maxBytes: number; afterMs: number };
  log: { format: LogFormat; level: LogLevel };
  /** Whether requests need an API key, and the file the keys are looked up in. */
  auth: { mode: AuthMode; keysFile: string };
}

/**
 * Reads and validates every setting once, at start-up. Flags win over environment
 * variables; a bad value throws ConfigError naming the variable or flag.
 */
export function loadCollectorConfig(
  env: NodeJS.ProcessEnv,
  flags: ReadonlyMap<string, string> = new Map(),
): CollectorConfig {
  const s = COLLECTOR_SETTINGS;
  const dataDir = resolve(resolveSetting(s.dataDir, env, flags));
  const database = resolveSetting(s.database, env, flags);
  const clickhouseUrl = resolveSetting(s.clickhouseUrl, env, flags);
  const cluster = resolveSetting(s.clickhouseCluster, env, flags);
  // chDB has no Keeper and no remote servers: a cluster only makes sense against a server.
  if (cluster !== undefined && !clickhouseUrl) {
    throw new ConfigError(s.clickhouseCluster.env, cluster, `${s.clickhouseUrl.env} to be set as well`);
  }
  const headersMs = resolveSetting(s.headersTimeoutMs, env, flags);
  const requestMs = resolveSetting(s.requestTimeoutMs, env, flags);
  // Node refuses a headers timeout longer than the whole-request timeout that contains it.
  if (headersMs > requestMs) {
    throw new ConfigError(
      s.headersTimeoutMs.env,
      String(headersMs),
      `at most ${s.requestTimeoutMs.env} (${requestMs})`,
    );
  }
  const host = resolveSetting(s.host, env, flags);
  return {
    host,
    port: resolveSetting(s.port, env, flags),
    dataDir,
    storage: clickhouseUrl
      ? { kind: 'server', url: clickhouseUrl, database, ...(cluster ? { cluster } : {}) }
      : { kind: 'embedded', dataDir, database },
    maxBodyBytes: resolveSetting(s.maxBodyBytes, env, flags),
    maxDecompressionRatio: resolveSetting(s.maxDecompressionRatio, env, flags),
    timeouts: { headersMs, requestMs },
    maxConcurrentRequests: resolveSetting(s.maxConcurrentRequests, env, flags),
    maxConcurrentReads: resolveSetting(s.maxConcurrentReads, env, flags),
    readLimits: {
      maxExecutionTimeSeconds: resolveSetting(s.readMaxExecutionSeconds, env, flags),
      maxResultBytes: resolveSetting(s.readMaxResultBytes, env, flags),
      maxMemoryUsageBytes: resolveSetting(s.readMaxMemoryBytes, env, flags),
    },
    maxConnections: resolveSetting(s.maxConnections, env, flags),
    maxSpansPerRequest: resolveSetting(s.maxSpansPerRequest, env, flags),
    maxAttributesPerSpan: resolveSetting(s.maxAttributesPerSpan, env, flags),
    maxAttributeValueLength: resolveSetting(s.maxAttributeValueLength, env, flags),
    batch: {
      maxRows: resolveSetting(s.batchMaxRows, env, flags),
      maxDelayMs: resolveSetting(s.batchMaxDelayMs, env, flags),
      maxQueuedRows: resolveSetting(s.maxQueuedRows, env, flags),
    },
    spool: {
      maxBytes: resolveSetting(s.spoolMaxBytes, env, flags),
      afterMs: resolveSetting(s.spoolAfterMs, env, flags),
    },
    log: { format: resolveSetting(s.logFormat, env, flags), level: resolveSetting(s.logLevel, env, flags) },
    auth: {
      mode: resolveSetting(s.auth, env, flags) ?? defaultAuthMode(host),
      keysFile: resolveKeysFile(env, flags),
    },
  };
}

/** RAGTRACE_KEYS_FILE, else keys.json in the data dir: shared by the collector and `ragtrace keys`. */
export function resolveKeysFile(
  env: NodeJS.ProcessEnv,
  flags: ReadonlyMap<string, string> = new Map(),
): string {
  const s = COLLECTOR_SETTINGS;
  const explicit = resolveSetting(s.keysFile, env, flags);
  return resolve(explicit ?? join(resolveSetting(s.dataDir, env, flags), DEFAULT_KEYS_FILE_NAME));
}
