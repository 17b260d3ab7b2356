import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertAuditHolds } from './audit.js';
import { auditAfterReplay } from './audit-after-replay.js';
import { runLoadProcess } from './load-process-runner.js';
import { POISON_KINDS } from './poison-request.js';
import { printFigures } from './print-figures.js';
import { startScenarioCollector, type ScenarioCollector } from './scenario-collector.js';

const REQUESTS = 600;
const SPANS_PER_REQUEST = 5;
const POISON_EVERY = 5;
const MAX_SPANS_PER_REQUEST = 50;

describe('reliability: poison batches next to good ones', () => {
  let collector: ScenarioCollector;
  before(async () => {
    collector = await startScenarioCollector('poison', {
      RAGTRACE_MAX_SPANS_PER_REQUEST: String(MAX_SPANS_PER_REQUEST),
      // Half a second of requests share each insert, so poison arrives inside good batches.
      RAGTRACE_BATCH_MAX_DELAY_MS: '500',
    });
  });
  after(() => collector.dispose());

  it('refuses each bad request for good, stores none of it, and stores every good request once', async () => {
    const summary = await runLoadProcess({
      ...collector.loadTarget,
      requests: REQUESTS,
      spansPerRequest: SPANS_PER_REQUEST,
      concurrency: 32,
      retry: { kind: 'exporter', maxAttempts: 6, deadlineMs: 30_000 },
      attemptTimeoutMs: 10_000,
      poisonEvery: POISON_EVERY,
      maxSpansPerRequest: MAX_SPANS_PER_REQUEST,
    });
    const { figures, drained } = await auditAfterReplay(collector.url, {
      ...collector,
      sql: collector.sql(),
    });
    printFigures('poison batches', figures, {
      seconds: (summary.durationMs / 1000).toFixed(1),
      spoolDrained: String(drained),
    });

    assert.ok(drained, 'the spool was replayed');
    assertAuditHolds(figures);
    const poisonRequests = REQUESTS / POISON_EVERY;
    const goodRequests = REQUESTS - poisonRequests;
    assert.equal(figures.spansAcked, goodRequests * SPANS_PER_REQUEST, 'every good request is acknowledged');
    assert.equal(figures.spansStored, figures.spansAcked, 'nothing of a poison request is stored');
    const perKind = poisonRequests / POISON_KINDS.length;
    // garbled protobuf: 400, too many spans: 413; both sent once (a client must not retry them).
    assert.equal(figures.statuses['400'], perKind);
    assert.equal(figures.statuses['413'], perKind);
    assert.equal(figures.statuses['200'], goodRequests + perKind, 'zero trace ids: 200 rejecting every span');
  });
});
