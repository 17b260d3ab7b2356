import { createClient, type ClickHouseClient } from '@clickhouse/client';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startClickHouseStandIn, type ClickHouseStandIn } from '../support/clickhouse-standin.js';
import { makeTempDir } from '../support/temp-dir.js';
import { assertAuditHolds, auditRun } from './audit.js';
import { runLoadProcess } from './load-process-runner.js';
import {
  DRAIN_TIMEOUT_MS,
  assertOutageRecovered,
  assertRefusalsSayWhenToRetry,
  failStorageFor,
} from './outage-recovery.js';
import { printFigures } from './print-figures.js';
import { startScenarioCollector, type ScenarioCollector } from './scenario-collector.js';
import { metricValue, spoolDrained } from './storage-figures.js';

const SPANS_PER_REQUEST = 10;
/** Longest the spool may take to be replayed once storage is back. */

interface ServerModeRun {
  standIn: ClickHouseStandIn;
  collector: ScenarioCollector;
  /** Reads the stand-in directly: what a ClickHouse server would hold. */
  storage: ClickHouseClient;
}

describe('reliability: storage unavailable (server mode, ClickHouse stand-in)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function startServerMode(scenario: string, env: Record<string, string>): Promise<ServerModeRun> {
    const dir = await makeTempDir(`reliability-${scenario}-standin`);
    cleanups.push(() => dir.remove());
    const standIn = await startClickHouseStandIn({ dataDir: join(dir.path, 'chdb') });
    cleanups.push(() => standIn.close());
    const collector = await startScenarioCollector(scenario, {
      RAGTRACE_CLICKHOUSE_URL: standIn.url.href,
      RAGTRACE_BATCH_MAX_DELAY_MS: '200',
      ...env,
    });
    cleanups.push(() => collector.dispose());
    const storage = createClient({ url: standIn.url });
    cleanups.push(() => storage.close());
    return { standIn, collector, storage };
  }

  it('acknowledges through a 30 s outage (failing, hanging, refusing) and stores everything once after', async () => {
    const { standIn, collector, storage } = await startServerMode('outage-30s', {});
    const load = runLoadProcess({
      ...collector.loadTarget,
      requests: 15 * 40,
      spansPerRequest: SPANS_PER_REQUEST,
      concurrency: 64,
      ratePerSecond: 15,
      retry: { kind: 'exporter', maxAttempts: 6, deadlineMs: 30_000 },
      attemptTimeoutMs: 10_000,
    });
    // Storage goes away 5 s into the load, in each of the ways a server can, 10 s each.
    await sleep(5_000);
    for (const fault of ['fail', 'hang', 'refuse'] as const) {
      standIn.setFault(fault);
      await sleep(10_000);
    }
    standIn.setFault('none');
    await assertOutageRecovered(
      'storage down 30 s (server mode)',
      collector.url,
      { load, recoveredAt: performance.now() },
      () => auditRun({ ...collector, sql: storage }),
    );
  });

  it('refuses with 503 + Retry-After once the spool is full, and loses nothing it acknowledged', async () => {
    const { standIn, collector, storage } = await startServerMode('spool-full', {
      // Room for a few dozen requests of ten spans: a 15 s outage at 20 requests/s overruns it.
      RAGTRACE_SPOOL_MAX_BYTES: String(256 * 1024),
    });
    const load = runLoadProcess({
      ...collector.loadTarget,
      requests: 20 * 25,
      spansPerRequest: SPANS_PER_REQUEST,
      concurrency: 64,
      ratePerSecond: 20,
      retry: { kind: 'exporter', maxAttempts: 6, deadlineMs: 30_000 },
      attemptTimeoutMs: 10_000,
    });
    await failStorageFor(standIn, { afterMs: 3_000, downMs: 15_000 });
    const summary = await load;
    const drained = await spoolDrained(collector.url, DRAIN_TIMEOUT_MS);
    const spoolFullRefusals = await metricValue(collector.url, 'ragtrace_spool_full_rejections_total');

    const figures = await auditRun({ ...collector, sql: storage });
    printFigures('storage down longer than the spool holds (server mode)', figures, {
      spoolFullRefusals,
      spoolRecordsLeft: await metricValue(collector.url, 'ragtrace_spool_records'),
      seconds: (summary.durationMs / 1000).toFixed(1),
    });
    assert.ok(drained, `the spool was not replayed within ${DRAIN_TIMEOUT_MS} ms of recovery`);
    assertAuditHolds(figures);
    assert.ok(spoolFullRefusals > 0, 'the spool filled up');
    await assertRefusalsSayWhenToRetry(collector.ledgerPath);
  });
});
