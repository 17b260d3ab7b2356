import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertAuditHolds, type AuditFigures } from './audit.js';
import { readLedger } from './ledger.js';
import type { LoadSummary } from './load-generator.js';
import { printFigures } from './print-figures.js';
import { metricValue, spoolDrained } from './storage-figures.js';

/** How long the spool may take to replay once storage is back. */
export const DRAIN_TIMEOUT_MS = 30_000;

/**
 * The end of an outage the spool covered, storage back at `recoveredAt` (performance.now()):
 * waits for the load and the spool's replay, audits storage, prints the figures and checks that
 * the spool took every request and storage holds each acknowledged span exactly once.
 */
export async function assertOutageRecovered(
  scenario: string,
  collectorUrl: string,
  run: { readonly load: Promise<LoadSummary>; readonly recoveredAt: number },
  audit: () => Promise<AuditFigures>,
): Promise<void> {
  const summary = await run.load;
  const drained = await spoolDrained(collectorUrl, DRAIN_TIMEOUT_MS);
  const drainSeconds = (performance.now() - run.recoveredAt) / 1000;
  const spooledRequests = await metricValue(collectorUrl, 'ragtrace_spooled_requests_total');

  const figures = await audit();
  printFigures(scenario, figures, {
    spooledRequests,
    spoolRecordsLeft: await metricValue(collectorUrl, 'ragtrace_spool_records'),
    recoveredToDrainedSeconds: drained ? drainSeconds.toFixed(1) : 'not drained',
    seconds: (summary.durationMs / 1000).toFixed(1),
  });
  assert.ok(drained, `the spool was not replayed within ${DRAIN_TIMEOUT_MS} ms of recovery`);
  assertAuditHolds(figures);
  assert.ok(spooledRequests > 0, 'the outage sent requests to the spool');
  assert.equal(figures.spansAcked, figures.spansSent, 'the spool took every request while storage was down');
}

/**
 * Takes storage down `afterMs` from now, for `downMs`, then brings it back; resolves with the
 * moment it came back (performance.now()). `storage`: the ClickHouse stand-in, or embedded
 * storage wrapped by faulty-storage.ts.
 */
export async function failStorageFor(
  storage: { setFault(fault: 'fail' | 'none'): void },
  { afterMs, downMs }: { afterMs: number; downMs: number },
): Promise<number> {
  await sleep(afterMs);
  storage.setFault('fail');
  await sleep(downMs);
  storage.setFault('none');
  return performance.now();
}

/** Checks that clients were told 503 and that every 503 said when to retry (Retry-After). */
export async function assertRefusalsSayWhenToRetry(ledgerPath: string): Promise<void> {
  const refusals = (await readLedger(ledgerPath)).filter((attempt) => attempt.status === 503);
  assert.ok(refusals.length > 0, 'clients were told 503');
  assert.deepEqual(
    refusals.filter((attempt) => attempt.retryAfter === undefined),
    [],
    'every 503 carries Retry-After',
  );
}
