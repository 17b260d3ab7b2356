import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { withStorageFaults, type FaultyStorage } from '../support/faulty-storage.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';
import { assertAuditHolds, auditRun } from './audit.js';
import { runLoadProcess } from './load-process-runner.js';
import { printFigures } from './print-figures.js';
import { metricValue, spoolDrained } from './storage-figures.js';

/** Longest the spool may take to be replayed once storage is back. */
const DRAIN_TIMEOUT_MS = 30_000;

describe('reliability: storage unavailable (embedded mode, injected faults)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('acknowledges through a 16 s outage of embedded storage (failing, then hanging) and stores everything once after', async () => {
    const dir = await makeTempDir('reliability-embedded-outage');
    cleanups.push(() => dir.remove());
    let storage: FaultyStorage | undefined;
    // chDB runs in this process (one engine per process), so the collector does too; the load
    // still comes from a process of its own.
    const collector: TestCollector = await startTestCollector(
      { RAGTRACE_BATCH_MAX_DELAY_MS: '200' },
      {
        wrapStorage: (opened) => {
          storage = withStorageFaults(opened);
          return storage;
        },
      },
    );
    cleanups.push(() => collector.stop());
    const scenario = {
      ledgerPath: join(dir.path, 'ledger.jsonl'),
      seed: `embedded-outage-${Date.now()}`,
      serviceName: 'reliability-embedded-outage',
    };
    const load = runLoadProcess({
      url: collector.url,
      ...scenario,
      requests: 15 * 30,
      spansPerRequest: 10,
      concurrency: 64,
      ratePerSecond: 15,
      retry: { kind: 'exporter', maxAttempts: 6, deadlineMs: 30_000 },
      attemptTimeoutMs: 10_000,
    });
    await sleep(4_000);
    for (const fault of ['fail', 'hang'] as const) {
      storage!.setFault(fault);
      await sleep(8_000);
    }
    storage!.setFault('none');
    const recoveredAt = performance.now();
    const summary = await load;
    const drained = await spoolDrained(collector.url, DRAIN_TIMEOUT_MS);
    const drainSeconds = (performance.now() - recoveredAt) / 1000;
    const spooledRequests = await metricValue(collector.url, 'ragtrace_spooled_requests_total');

    const figures = await auditRun({ ...scenario, sql: collector.sql });
    printFigures('storage down 16 s (embedded mode)', figures, {
      spooledRequests,
      spoolRecordsLeft: await metricValue(collector.url, 'ragtrace_spool_records'),
      recoveredToDrainedSeconds: drained ? drainSeconds.toFixed(1) : 'not drained',
      seconds: (summary.durationMs / 1000).toFixed(1),
    });
    assert.ok(drained, `the spool was not replayed within ${DRAIN_TIMEOUT_MS} ms of recovery`);
    assertAuditHolds(figures);
    assert.ok(spooledRequests > 0, 'the outage sent requests to the spool');
    assert.equal(
      figures.spansAcked,
      figures.spansSent,
      'the spool took every request while storage was down',
    );
  });
});
