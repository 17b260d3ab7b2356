import { loadCollectorConfig, startCollector, type RunningCollector } from '@ragtrace/collector';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { makeTempDir } from './temp-dir.js';

export interface TestCollector extends RunningCollector {
  dataDir: string;
  /** `@clickhouse/client` reading through the collector's `/clickhouse` endpoint. */
  sql: ClickHouseClient;
  stop(): Promise<void>;
}

/**
 * A collector in this process on a free loopback port with its own embedded data dir.
 * The short batch delay keeps tests quick; batching itself is the same code as in production.
 */
export async function startTestCollector(env: Record<string, string> = {}): Promise<TestCollector> {
  const dir = await makeTempDir('collector');
  const config = loadCollectorConfig({
    RAGTRACE_PORT: '0',
    RAGTRACE_DATA_DIR: dir.path,
    RAGTRACE_BATCH_MAX_DELAY_MS: '20',
    ...env,
  });
  const collector = await startCollector(config);
  const sql = createClient({ url: collector.url, pathname: '/clickhouse' });
  return {
    ...collector,
    dataDir: dir.path,
    sql,
    async stop() {
      await sql.close();
      await collector.close();
      await dir.remove();
    },
  };
}
