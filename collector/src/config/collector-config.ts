import { resolve } from 'node:path';
import type { StorageTarget } from '../storage/open-storage.js';
import { COLLECTOR_SETTINGS } from './collector-settings.js';
import { resolveSetting } from './settings.js';

export interface CollectorConfig {
  host: string;
  port: number;
  dataDir: string;
  storage: StorageTarget;
  maxBodyBytes: number;
  batch: { maxRows: number; maxDelayMs: number; maxQueuedRows: number };
}

/**
 * Reads and validates every setting once, at start-up. Flags win over environment
 * variables; a bad value throws ConfigError naming the variable or flag.
 */
export function loadCollectorConfig(
  env: NodeJS.ProcessEnv,
  flags: ReadonlyMap<string, string> = new Map(),
): CollectorConfig {
  const get = <T>(setting: Parameters<typeof resolveSetting<T>>[0]): T | undefined =>
    resolveSetting(setting, env, flags);
  const s = COLLECTOR_SETTINGS;
  const dataDir = resolve(get(s.dataDir)!);
  const database = get(s.database)!;
  const clickhouseUrl = get(s.clickhouseUrl);
  return {
    host: get(s.host)!,
    port: get(s.port)!,
    dataDir,
    storage: clickhouseUrl
      ? { kind: 'server', url: clickhouseUrl, database }
      : { kind: 'embedded', dataDir, database },
    maxBodyBytes: get(s.maxBodyBytes)!,
    batch: {
      maxRows: get(s.batchMaxRows)!,
      maxDelayMs: get(s.batchMaxDelayMs)!,
      maxQueuedRows: get(s.maxQueuedRows)!,
    },
  };
}
