import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertAuditHolds } from './audit.js';
import { auditAfterReplay } from './audit-after-replay.js';
import { readLedger, waitForLedgerEntries } from './ledger.js';
import { runLoadProcess } from './load-process-runner.js';
import { printFigures } from './print-figures.js';
import { startScenarioCollector, type ScenarioCollector } from './scenario-collector.js';

const REQUESTS = 400;
const SPANS_PER_REQUEST = 10;

describe('reliability: graceful shutdown with in-flight requests', () => {
  let collector: ScenarioCollector;
  before(async () => {
    // A long batch delay keeps many requests waiting for their insert when SIGTERM arrives.
    collector = await startScenarioCollector('shutdown', { RAGTRACE_BATCH_MAX_DELAY_MS: '2000' });
  });
  after(() => collector.dispose());

  it('answers every request it took in, stores what it acknowledged, and exits 0', async () => {
    const load = runLoadProcess({
      ...collector.loadTarget,
      requests: REQUESTS,
      spansPerRequest: SPANS_PER_REQUEST,
      concurrency: 64,
      ratePerSecond: 50,
      // No retries: the ledger shows exactly what the stopping collector answered.
      retry: { kind: 'none' },
      attemptTimeoutMs: 30_000,
    });
    await waitForLedgerEntries(collector.ledgerPath, 50);
    const signalAt = Date.now();
    const exitCode = await collector.process.stop('SIGTERM');
    const shutdownSeconds = (Date.now() - signalAt) / 1000;
    assert.equal(exitCode, 0, collector.process.stderr());
    const takenIn = requestsLogged(collector.process.stderr());
    const summary = await load;

    await collector.restart(); // to read what the stopped collector stored
    // What the stopped collector had spooled, the new one replays in the background (awaited by the audit).
    const { figures, drained } = await auditAfterReplay(collector.url, {
      ...collector,
      sql: collector.sql(),
    });
    const answeredAfterSignal = (await readLedger(collector.ledgerPath)).filter(
      (attempt) => attempt.status === 200 && attempt.atMs >= signalAt,
    ).length;
    printFigures('graceful shutdown', figures, {
      takenIn,
      answeredAfterSignal,
      shutdownSeconds: shutdownSeconds.toFixed(1),
      seconds: (summary.durationMs / 1000).toFixed(1),
      spoolDrained: String(drained),
    });
    // Requests sent after the collector stopped listening never got in (connection refused, or
    // reset when they raced the closing of an idle keep-alive connection): a client retries
    // them. Every request the collector did take in must have had its answer.
    assert.ok(drained, 'the spool was replayed after the restart');
    assertAuditHolds(figures, { allowUnanswered: true });
    const answered = Object.entries(figures.statuses)
      .filter(([status]) => /^\d+$/.test(status))
      .reduce((sum, [, n]) => sum + n, 0);
    assert.equal(answered, takenIn, 'every request the collector logged reached its client');
    assert.deepEqual(
      Object.keys(figures.statuses).filter(
        (status) => /^\d+$/.test(status) && !['200', '503'].includes(status),
      ),
      [],
      `statuses: ${JSON.stringify(figures.statuses)}`,
    );
    assert.ok(
      answeredAfterSignal > 0,
      'requests were in flight when the signal arrived, and were answered 200',
    );
  });
});

/** OTLP trace requests in the collector's access log: those it took in and answered. */
function requestsLogged(stderr: string): number {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string; route?: string })
    .filter((line) => line.msg === 'request' && line.route === '/v1/traces').length;
}
