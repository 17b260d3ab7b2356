import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { withStorageFaults, type FaultyStorage } from '../support/faulty-storage.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';
import { auditRun } from './audit.js';
import { runLoadProcess } from './load-process-runner.js';
import { assertOutageRecovered } from './outage-recovery.js';

/** Longest the spool may take to be replayed once storage is back. */

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
    await assertOutageRecovered(
      'storage down 16 s (embedded mode)',
      collector.url,
      { load, recoveredAt: performance.now() },
      () => auditRun({ ...scenario, sql: collector.sql }),
    );
  });
});
