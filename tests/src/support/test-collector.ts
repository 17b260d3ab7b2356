import {
  createLogger,
  loadCollectorConfig,
  startCollector,
  type RunningCollector,
  type StartOptions,
} from '@ragtrace/collector';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { makeTempDir } from './temp-dir.js';

export interface TestCollector extends RunningCollector {
  dataDir: string;
  /** Every log line the collector wrote, as it would reach stderr (JSON unless the env says otherwise). */
  logLines: string[];
  /** `@clickhouse/client` reading through the collector's `/clickhouse` endpoint. */
  sql: ClickHouseClient;
  stop(): Promise<void>;
}

/**
 * A collector in this process on a free loopback port with its own embedded data dir. Its log
 * lines are kept in `logLines` instead of cluttering the test output.
 * The short batch delay keeps tests quick; batching itself is the same code as in production.
 */
export async function startTestCollector(
  env: Record<string, string> = {},
  options: Omit<StartOptions, 'logger'> = {},
): Promise<TestCollector> {
  const dir = await makeTempDir('collector');
  const config = loadCollectorConfig({
    RAGTRACE_PORT: '0',
    RAGTRACE_DATA_DIR: dir.path,
    RAGTRACE_BATCH_MAX_DELAY_MS: '20',
    ...env,
  });
  const logLines: string[] = [];
  const logger = createLogger({ ...config.log, write: (line) => logLines.push(line) });
  const collector = await startCollector(config, { ...options, logger });
  const sql = createClient({ url: collector.url, pathname: '/clickhouse' });
  return {
    ...collector,
    dataDir: dir.path,
    logLines,
    sql,
    async stop() {
      await sql.close();
      await collector.close();
      await dir.remove();
    },
  };
}
