import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { join } from 'node:path';
import { startCollectorProcess, type CollectorProcess } from '../support/collector-process.js';
import { makeTempDir } from '../support/temp-dir.js';
import type { LoadOptions } from './load-generator.js';

export interface ScenarioCollector {
  /** The running collector process; replaced by `restart`. */
  process: CollectorProcess;
  url: string;
  /** Reads storage through the collector's /clickhouse endpoint. */
  sql(): ClickHouseClient;
  ledgerPath: string;
  seed: string;
  serviceName: string;
  /** The target fields of a load process's options (url, ledger, seed, service name): spread them in. */
  readonly loadTarget: Pick<LoadOptions, 'url' | 'ledgerPath' | 'seed' | 'serviceName'>;
  /** Starts the collector again on the same port and data dir (after it stopped or was killed). */
  restart(): Promise<void>;
  /** Stops the collector if it runs and removes the data dir. */
  dispose(): Promise<void>;
}

/**
 * A collector child process with a data dir of its own, plus what the audit of one scenario
 * needs: a ledger path, a seed and a service name no other run shares.
 */
export async function startScenarioCollector(
  scenario: string,
  env: Record<string, string> = {},
): Promise<ScenarioCollector> {
  const dir = await makeTempDir(`reliability-${scenario}`);
  const collectorEnv = { RAGTRACE_DATA_DIR: join(dir.path, 'data'), ...env };
  let running = await startCollectorProcess(collectorEnv);
  let sql: ClickHouseClient | undefined;
  const port = new URL(running.url).port;
  const scenarioCollector: ScenarioCollector = {
    process: running,
    url: running.url,
    sql() {
      sql ??= createClient({ url: running.url, pathname: '/clickhouse' });
      return sql;
    },
    ledgerPath: join(dir.path, 'ledger.jsonl'),
    seed: `${scenario}-${Date.now()}`,
    serviceName: `reliability-${scenario}`,
    get loadTarget() {
      const { url, ledgerPath, seed, serviceName } = scenarioCollector;
      return { url, ledgerPath, seed, serviceName };
    },
    async restart() {
      await sql?.close();
      sql = undefined;
      running = await startCollectorProcess({ ...collectorEnv, RAGTRACE_PORT: port });
      scenarioCollector.process = running;
    },
    async dispose() {
      await sql?.close();
      await running.stop('SIGKILL');
      await dir.remove();
    },
  };
  return scenarioCollector;
}
