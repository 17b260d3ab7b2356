import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertAuditHolds } from './audit.js';
import { auditAfterReplay } from './audit-after-replay.js';
import { runLoadProcess } from './load-process-runner.js';
import { printFigures } from './print-figures.js';
import { startScenarioCollector, type ScenarioCollector } from './scenario-collector.js';
import { activeTraceParts, insertCount } from './storage-figures.js';

const REQUESTS = 3000;
/**
 * Many small clients at once, as a fleet of instrumented services looks; each request waits up
 * to the batch delay (1 s by default) for its insert, so this many keep ~250 requests/s coming.
 */
const CLIENTS = 256;

describe('reliability: thousands of one-span requests', () => {
  let collector: ScenarioCollector;
  before(async () => {
    collector = await startScenarioCollector('one-span', {
      RAGTRACE_MAX_CONCURRENT_REQUESTS: String(CLIENTS),
    });
  });
  after(() => collector.dispose());

  it('stores every span exactly once in few inserts and few parts', async () => {
    const summary = await runLoadProcess({
      ...collector.loadTarget,
      requests: REQUESTS,
      spansPerRequest: 1,
      concurrency: CLIENTS,
      // Generous: on a busy machine a request may wait seconds for its insert or the spool.
      retry: { kind: 'exporter', maxAttempts: 6, deadlineMs: 120_000 },
      attemptTimeoutMs: 30_000,
    });
    const { figures, drained } = await auditAfterReplay(collector.url, {
      ...collector,
      sql: collector.sql(),
    });
    const inserts = await insertCount(collector.url);
    const parts = await activeTraceParts(collector.sql());
    printFigures('one-span requests', figures, {
      spoolDrained: String(drained),
      inserts,
      parts,
      seconds: (summary.durationMs / 1000).toFixed(1),
    });

    assert.ok(drained, 'the spool was replayed');
    assertAuditHolds(figures);
    assert.equal(figures.spansAcked, REQUESTS, 'every request is acknowledged');
    // One insert per request would be 3000 inserts and as many parts before merges catch up;
    // batching must turn them into a handful.
    assert.ok(inserts <= REQUESTS / 50, `${inserts} inserts for ${REQUESTS} requests`);
    assert.ok(parts <= 20, `${parts} active parts for ${REQUESTS} requests`);
  });
});
