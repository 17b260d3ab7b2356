import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertAuditHolds } from './audit.js';
import { auditAfterReplay } from './audit-after-replay.js';
import { waitForLedgerEntries } from './ledger.js';
import { runLoadProcess } from './load-process-runner.js';
import { printFigures } from './print-figures.js';
import { startScenarioCollector, type ScenarioCollector } from './scenario-collector.js';

const REQUESTS = 600;
const SPANS_PER_REQUEST = 10;

describe('reliability: kill -9 of the collector under load, then restart', () => {
  let collector: ScenarioCollector;
  before(async () => {
    // A short batch delay keeps inserts starting all the time, so the kill lands amid them.
    collector = await startScenarioCollector('kill', { RAGTRACE_BATCH_MAX_DELAY_MS: '200' });
  });
  after(() => collector.dispose());

  it('loses no acknowledged span and duplicates none once clients have retried', async () => {
    const load = runLoadProcess({
      ...collector.loadTarget,
      requests: REQUESTS,
      spansPerRequest: SPANS_PER_REQUEST,
      concurrency: 16,
      ratePerSecond: 40,
      // Long enough to outlast the restart: the exporter's own deadline is its timeoutMillis.
      retry: { kind: 'exporter', maxAttempts: 10, deadlineMs: 60_000 },
      attemptTimeoutMs: 10_000,
    });
    await waitForLedgerEntries(collector.ledgerPath, REQUESTS / 4);
    assert.equal(await collector.process.stop('SIGKILL'), null);
    const restartStarted = performance.now();
    await collector.restart();
    const restartSeconds = (performance.now() - restartStarted) / 1000;
    const summary = await load;
    // What the stopped collector had spooled, the new one replays in the background (awaited by the audit).

    const { figures, drained } = await auditAfterReplay(collector.url, {
      ...collector,
      sql: collector.sql(),
    });
    printFigures('kill -9 and restart', figures, {
      restartSeconds: restartSeconds.toFixed(1),
      seconds: (summary.durationMs / 1000).toFixed(1),
      spoolDrained: String(drained),
    });
    assert.ok(drained, 'the spool was replayed after the restart');
    assertAuditHolds(figures);
    assert.equal(
      figures.spansAcked,
      REQUESTS * SPANS_PER_REQUEST,
      'every request is acknowledged in the end',
    );
    assert.ok(
      Object.keys(figures.statuses).some((status) => !/^\d+$/.test(status)),
      'some attempts met the dead collector (else the kill proved nothing)',
    );
  });
});
