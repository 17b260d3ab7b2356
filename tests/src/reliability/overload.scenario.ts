import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertAuditHolds } from './audit.js';
import { auditAfterReplay } from './audit-after-replay.js';
import { runExporterLoadProcess, runLoadProcess } from './load-process-runner.js';
import { megabytes, printFigures } from './print-figures.js';
import { readRssBytes, sampleRss } from './rss-sampler.js';
import { startScenarioCollector, type ScenarioCollector } from './scenario-collector.js';
import { answeredTraceRequests } from './storage-figures.js';

const SPANS_PER_REQUEST = 100;
const OVERLOAD_SECONDS = 10;
const CALIBRATION_REQUESTS = 300;
/**
 * Growth of the collector's resident memory allowed under overload: the queue holds at most
 * MAX_QUEUED_ROWS rows (a few MB) and 32 requests are read at once; unbounded buffering of two
 * seconds' worth of refused load per second would pass it within the run.
 */
const RSS_GROWTH_LIMIT_BYTES = 256 * 1024 * 1024;

describe('reliability: sustained overload at twice capacity', () => {
  let collector: ScenarioCollector;
  /** Spans per second the collector stores when clients respect its limits, measured first. */
  let capacity: number;
  before(async () => {
    collector = await startScenarioCollector('overload', {
      RAGTRACE_MAX_CONCURRENT_REQUESTS: '32',
      RAGTRACE_MAX_QUEUED_ROWS: '5000',
      RAGTRACE_BATCH_MAX_DELAY_MS: '200',
    });
    // Clients filling most request slots, their spans together under the queue limit: what
    // they get stored per second is what the collector (and this machine) can do unrefused.
    const calibration = await runLoadProcess({
      url: collector.url,
      ledgerPath: `${collector.ledgerPath}.calibration`,
      seed: `${collector.seed}-calibration`,
      serviceName: `${collector.serviceName}-calibration`,
      requests: CALIBRATION_REQUESTS,
      spansPerRequest: SPANS_PER_REQUEST,
      concurrency: 24,
      retry: { kind: 'exporter', maxAttempts: 6, deadlineMs: 30_000 },
      attemptTimeoutMs: 30_000,
    });
    capacity = (calibration.acknowledged * SPANS_PER_REQUEST * 1000) / calibration.durationMs;
  });
  after(() => collector.dispose());

  it('answers only 200, 429 or 503, keeps memory bounded, and stores every acknowledged span once', async () => {
    const ratePerSecond = (2 * capacity) / SPANS_PER_REQUEST;
    const pid = collector.process.child.pid!;
    const baselineRss = readRssBytes(pid)!;
    const sampler = sampleRss(pid);
    const summary = await runLoadProcess({
      ...collector.loadTarget,
      requests: Math.round(ratePerSecond * OVERLOAD_SECONDS),
      spansPerRequest: SPANS_PER_REQUEST,
      // Open loop: enough slots that refusals and retries never slow the offered rate down.
      concurrency: 1024,
      ratePerSecond,
      retry: { kind: 'exporter', maxAttempts: 6, deadlineMs: 30_000 },
      attemptTimeoutMs: 30_000,
    });
    const peakRss = sampler.stop();
    const { figures, drained } = await auditAfterReplay(collector.url, {
      ...collector,
      sql: collector.sql(),
    });
    printFigures('overload 2x (requests)', figures, {
      spoolDrained: String(drained),
      capacitySpansPerSecond: Math.round(capacity),
      offeredSpansPerSecond: Math.round(ratePerSecond * SPANS_PER_REQUEST),
      baselineRss: megabytes(baselineRss),
      peakRss: megabytes(peakRss),
      seconds: (summary.durationMs / 1000).toFixed(1),
    });

    assert.ok(drained, 'the spool was replayed');
    assertAuditHolds(figures);
    assert.deepEqual(
      Object.keys(figures.statuses).filter((status) => !['200', '429', '503'].includes(status)),
      [],
      `statuses: ${JSON.stringify(figures.statuses)}`,
    );
    assert.ok(
      (figures.statuses['429'] ?? 0) + (figures.statuses['503'] ?? 0) > 0,
      'the load was an overload',
    );
    assert.ok(
      peakRss - baselineRss < RSS_GROWTH_LIMIT_BYTES,
      `RSS grew from ${megabytes(baselineRss)} to ${megabytes(peakRss)}`,
    );
  });

  it("lets the OTel JS exporter's own retries deliver every span, each stored once", async () => {
    const before = await answeredTraceRequests(collector.url);
    const ledgerPath = `${collector.ledgerPath}.exporter`;
    const serviceName = `${collector.serviceName}-exporter`;
    const summary = await runExporterLoadProcess({
      url: collector.url,
      ledgerPath,
      seed: `${collector.seed}-exporter`,
      serviceName,
      // More SDKs than request slots, each sending up to 512 spans a batch: together they
      // overrun both the request cap and the queue.
      providers: 48,
      spansPerSecond: 2 * capacity,
      durationMs: OVERLOAD_SECONDS * 1000,
      spansPerTrace: 10,
      exportTimeoutMs: 60_000,
    });
    const answered = await answeredTraceRequests(collector.url);
    const refusals = ['429', '503'].reduce(
      (sum, status) => sum + (answered[status] ?? 0) - (before[status] ?? 0),
      0,
    );
    const { figures, drained } = await auditAfterReplay(collector.url, {
      ledgerPath,
      sql: collector.sql(),
      serviceName,
    });
    printFigures('overload 2x (OTel exporter)', figures, {
      spoolDrained: String(drained),
      spansCreated: summary.spansCreated,
      batchesFailed: summary.batchesFailed,
      refusalsSeenByExporters: refusals,
      seconds: (summary.durationMs / 1000).toFixed(1),
    });

    assert.ok(drained, 'the spool was replayed');
    assertAuditHolds(figures);
    assert.ok(refusals > 0, 'the exporters were refused (else there was no overload to survive)');
    assert.equal(summary.batchesFailed, 0, 'no export gave up');
    assert.equal(figures.spansAcked, summary.spansCreated, 'every span created was delivered');
    assert.equal(figures.spansStored, summary.spansCreated);
  });
});
