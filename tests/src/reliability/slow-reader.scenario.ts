import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertAuditHolds } from './audit.js';
import { auditAfterReplay } from './audit-after-replay.js';
import { readLedger } from './ledger.js';
import { runLoadProcess } from './load-process-runner.js';
import { startMisbehavingReaders } from './misbehaving-readers.js';
import { megabytes, printFigures } from './print-figures.js';
import { readRssBytes, sampleRss } from './rss-sampler.js';
import { startScenarioCollector, type ScenarioCollector } from './scenario-collector.js';

const SPOOL_AFTER_MS = 2000;
/** What a request may take beyond RAGTRACE_SPOOL_AFTER_MS: writing and syncing its spool record. */
const SPOOL_WRITE_SLACK_MS = 1000;
const MAX_READS = 4;
const READ_MEMORY_BYTES = 256 * 1024 * 1024;
const REQUESTS = 500;
const SPANS_PER_REQUEST = 20;
/**
 * Growth of the collector's resident memory allowed: every reader at its memory limit at once,
 * and room for ingest. Without limits one gigabyte result grew it by 6 GB.
 */
const RSS_GROWTH_LIMIT_BYTES = MAX_READS * READ_MEMORY_BYTES + 512 * 1024 * 1024;

describe('reliability: misbehaving readers while spans arrive', () => {
  let collector: ScenarioCollector;
  before(async () => {
    collector = await startScenarioCollector('slow-reader', {
      RAGTRACE_SPOOL_AFTER_MS: String(SPOOL_AFTER_MS),
      RAGTRACE_MAX_CONCURRENT_READS: String(MAX_READS),
      RAGTRACE_READ_MAX_MEMORY_BYTES: String(READ_MEMORY_BYTES),
      // Long enough that endless reads hold their slots through most of the run.
      RAGTRACE_READ_MAX_EXECUTION_SECONDS: '15',
    });
  });
  after(() => collector.dispose());

  it(`acknowledges every request within RAGTRACE_SPOOL_AFTER_MS, stores every span once, and keeps memory bounded`, async () => {
    const pid = collector.process.child.pid!;
    const baselineRss = readRssBytes(pid)!;
    const sampler = sampleRss(pid);
    // Twice as many endless readers as slots, on top of the rest.
    const readers = startMisbehavingReaders(collector.url, {
      slow: 2 * MAX_READS,
      'huge-result': 2,
      'hang-up': 2,
      api: 2,
    });
    // Let the readers take every slot before the spans come.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const summary = await runLoadProcess({
      ...collector.loadTarget,
      requests: REQUESTS,
      spansPerRequest: SPANS_PER_REQUEST,
      concurrency: 8,
      ratePerSecond: 25,
      retry: { kind: 'exporter', maxAttempts: 6, deadlineMs: 60_000 },
      attemptTimeoutMs: 30_000,
    });
    const readerFigures = await readers.stop();
    const peakRss = sampler.stop();
    const latencies = (await readLedger(collector.ledgerPath))
      .map((attempt) => attempt.latencyMs)
      .sort((a, b) => a - b);
    const { figures, drained } = await auditAfterReplay(collector.url, {
      ...collector,
      sql: collector.sql(),
    });
    const p99 = latencies[Math.floor(latencies.length * 0.99)]!;
    const max = latencies[latencies.length - 1]!;
    printFigures('slow readers', figures, {
      spoolDrained: String(drained),
      ackLatencyP50Ms: latencies[Math.floor(latencies.length / 2)]!,
      ackLatencyP99Ms: p99,
      ackLatencyMaxMs: max,
      readerStatuses: JSON.stringify(readerFigures.statuses),
      baselineRss: megabytes(baselineRss),
      peakRss: megabytes(peakRss),
      seconds: (summary.durationMs / 1000).toFixed(1),
    });

    assert.ok(drained, 'the spool was replayed');
    assertAuditHolds(figures);
    assert.deepEqual(figures.statuses, { 200: REQUESTS }, 'every request acknowledged at its first attempt');
    assert.ok(
      max <= SPOOL_AFTER_MS + SPOOL_WRITE_SLACK_MS,
      `the slowest acknowledgement took ${max} ms, past RAGTRACE_SPOOL_AFTER_MS (${SPOOL_AFTER_MS})`,
    );
    assert.ok(
      (readerFigures.statuses['429'] ?? 0) > 0,
      'readers were refused: they asked for more than their slots',
    );
    assert.ok((readerFigures.statuses['hung-up'] ?? 0) > 0, 'readers hung up mid-query');
    assert.ok(
      peakRss - baselineRss < RSS_GROWTH_LIMIT_BYTES,
      `RSS grew from ${megabytes(baselineRss)} to ${megabytes(peakRss)}`,
    );
  });
});
