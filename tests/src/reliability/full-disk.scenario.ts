import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startClickHouseStandIn } from '../support/clickhouse-standin.js';
import { metricValue as labelledMetricValue } from '../support/delivery-checks.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startTestCollector } from '../support/test-collector.js';
import { assertAuditHolds, auditRun } from './audit.js';
import { runLoadProcess } from './load-process-runner.js';
import { DRAIN_TIMEOUT_MS, assertRefusalsSayWhenToRetry, failStorageFor } from './outage-recovery.js';
import { printFigures } from './print-figures.js';
import { smallSpoolDisk } from './small-spool-disk.js';
import { metricValue, spoolDrained } from './storage-figures.js';

/** What the issue reproduced the loss on: a 3 MB file system under the spool. */
const DISK_BYTES = 3 * 1024 * 1024;
const SPANS_PER_REQUEST = 20;

describe("reliability: the spool's disk fills up during a storage outage", () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('refuses with 503 + Retry-After what the full disk cannot take, and loses none of what it acknowledged', async () => {
    const dir = await makeTempDir('reliability-full-disk');
    cleanups.push(() => dir.remove());
    const standIn = await startClickHouseStandIn({ dataDir: join(dir.path, 'standin') });
    cleanups.push(() => standIn.close());
    const dataDir = join(dir.path, 'data');
    // The spool's limit (1 GiB by default) is far beyond the disk: the disk runs out first.
    const disk = await smallSpoolDisk(join(dataDir, 'spool'), DISK_BYTES);
    cleanups.push(() => disk.release());
    // In this process, so that where no tmpfs can be mounted the spool's files can be made small.
    const collector = await startTestCollector(
      {
        RAGTRACE_CLICKHOUSE_URL: standIn.url.href,
        RAGTRACE_DATA_DIR: dataDir,
        RAGTRACE_BATCH_MAX_DELAY_MS: '200',
      },
      { spoolSegmentFiles: disk.segmentFiles },
    );
    cleanups.push(() => collector.stop());
    const scenario = {
      ledgerPath: join(dir.path, 'ledger.jsonl'),
      seed: `full-disk-${Date.now()}`,
      serviceName: 'reliability-full-disk',
    };
    // About 14 kB a record, 420 kB a second: the disk is full some 7 s into the outage.
    const load = runLoadProcess({
      url: collector.url,
      ...scenario,
      requests: 30 * 25,
      spansPerRequest: SPANS_PER_REQUEST,
      concurrency: 64,
      ratePerSecond: 30,
      retry: { kind: 'exporter', maxAttempts: 10, deadlineMs: 60_000 },
      attemptTimeoutMs: 10_000,
    });
    await failStorageFor(standIn, { afterMs: 3_000, downMs: 15_000 });
    const summary = await load;
    const drained = await spoolDrained(collector.url, DRAIN_TIMEOUT_MS);
    const refusedForTheDisk = await labelledMetricValue(
      collector.url,
      'ragtrace_rejected_spans_total',
      'reason="spool_write_failed"',
    );

    const figures = await auditRun({ ...scenario, sql: collector.sql });
    printFigures(`spool disk full during a storage outage (${disk.kind})`, figures, {
      spansRefusedForTheDisk: refusedForTheDisk,
      spooledRequests: await metricValue(collector.url, 'ragtrace_spooled_requests_total'),
      seconds: (summary.durationMs / 1000).toFixed(1),
    });
    assert.ok(drained, `the spool was not replayed within ${DRAIN_TIMEOUT_MS} ms of recovery`);
    assertAuditHolds(figures);
    assert.ok(refusedForTheDisk > 0, 'the disk filled up');
    await assertRefusalsSayWhenToRetry(scenario.ledgerPath);
  });
});
