import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertAuditHolds } from './audit.js';
import { auditAfterReplay } from './audit-after-replay.js';
import { startDropResponsesProxy, type DropResponsesProxy } from './drop-responses-proxy.js';
import { runLoadProcess } from './load-process-runner.js';
import { printFigures } from './print-figures.js';
import { startScenarioCollector, type ScenarioCollector } from './scenario-collector.js';

const REQUESTS = 400;
const SPANS_PER_REQUEST = 5;
const DROP_EVERY = 7;

describe('reliability: lost responses and client retries', () => {
  let collector: ScenarioCollector;
  let proxy: DropResponsesProxy;
  before(async () => {
    collector = await startScenarioCollector('lost-responses', { RAGTRACE_BATCH_MAX_DELAY_MS: '200' });
    proxy = await startDropResponsesProxy(collector.url, DROP_EVERY);
  });
  after(async () => {
    await proxy.close();
    await collector.dispose();
  });

  it('stores a request resent after its answer was lost only once', async () => {
    const summary = await runLoadProcess({
      ...collector.loadTarget,
      url: proxy.url,
      requests: REQUESTS,
      spansPerRequest: SPANS_PER_REQUEST,
      concurrency: 16,
      retry: { kind: 'exporter', maxAttempts: 10, deadlineMs: 60_000 },
      attemptTimeoutMs: 10_000,
    });
    const { figures, drained } = await auditAfterReplay(collector.url, {
      ...collector,
      sql: collector.sql(),
    });
    printFigures('lost responses', figures, {
      spoolDrained: String(drained),
      responsesDropped: proxy.dropped(),
      seconds: (summary.durationMs / 1000).toFixed(1),
    });
    assert.ok(proxy.dropped() >= REQUESTS / DROP_EVERY / 2, `only ${proxy.dropped()} responses were dropped`);
    assert.ok(drained, 'the spool was replayed');
    assertAuditHolds(figures);
    assert.equal(
      figures.spansAcked,
      REQUESTS * SPANS_PER_REQUEST,
      'every request is acknowledged in the end',
    );
  });
});
