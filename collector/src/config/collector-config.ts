import { resolve } from 'node:path';
import type { LogFormat, LogLevel } from '../logging/logger.js';
import type { StorageTarget } from '../storage/open-storage.js';
import { COLLECTOR_SETTINGS } from './collector-settings.js';
import { ConfigError } from './config-error.js';
import { resolveSetting } from './settings.js';

export interface CollectorConfig {
  host: string;
  port: number;
  dataDir: string;
  storage: StorageTarget;
  maxBodyBytes: number;
  /** Slow-client limits of the HTTP server (Node's headersTimeout and requestTimeout). */
  timeouts: { headersMs: number; requestMs: number };
  maxConcurrentRequests: number;
  maxSpansPerRequest: number;
  maxAttributesPerSpan: number;
  maxAttributeValueLength: number;
  batch: { maxRows: number; maxDelayMs: number; maxQueuedRows: number };
  log: { format: LogFormat; level: LogLevel };
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
  return {
    host: resolveSetting(s.host, env, flags),
    port: resolveSetting(s.port, env, flags),
    dataDir,
    storage: clickhouseUrl
      ? { kind: 'server', url: clickhouseUrl, database, ...(cluster ? { cluster } : {}) }
      : { kind: 'embedded', dataDir, database },
    maxBodyBytes: resolveSetting(s.maxBodyBytes, env, flags),
    timeouts: { headersMs, requestMs },
    maxConcurrentRequests: resolveSetting(s.maxConcurrentRequests, env, flags),
    maxSpansPerRequest: resolveSetting(s.maxSpansPerRequest, env, flags),
    maxAttributesPerSpan: resolveSetting(s.maxAttributesPerSpan, env, flags),
    maxAttributeValueLength: resolveSetting(s.maxAttributeValueLength, env, flags),
    batch: {
      maxRows: resolveSetting(s.batchMaxRows, env, flags),
      maxDelayMs: resolveSetting(s.batchMaxDelayMs, env, flags),
      maxQueuedRows: resolveSetting(s.maxQueuedRows, env, flags),
    },
    log: { format: resolveSetting(s.logFormat, env, flags), level: resolveSetting(s.logLevel, env, flags) },
  };
}
