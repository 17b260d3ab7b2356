import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startClickHouseStandIn } from '../support/clickhouse-standin.js';
import { makeTempDir } from '../support/temp-dir.js';
import { assertAuditHolds } from './audit.js';
import { auditAfterReplay } from './audit-after-replay.js';
import { damageOneSpoolRecord } from './damage-spool-record.js';
import { runLoadProcess } from './load-process-runner.js';
import { printFigures } from './print-figures.js';
import { startScenarioCollector } from './scenario-collector.js';

const SPANS_PER_REQUEST = 10;
const REQUESTS_BEFORE = 300;
const REQUESTS_AFTER = 150;
const DAMAGE_LOG_LINE = 'damaged records in a spool segment are skipped; their rows are lost';

describe('reliability: a byte of a spool segment damaged while the collector is stopped', () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('loses the damaged record alone, reports exactly that, and stores every other acknowledged span once', async () => {
    const dir = await makeTempDir('reliability-corrupt-segment');
    cleanups.push(() => dir.remove());
    const standIn = await startClickHouseStandIn({ dataDir: join(dir.path, 'standin') });
    cleanups.push(() => standIn.close());
    const dataDir = join(dir.path, 'data');
    const collector = await startScenarioCollector('corrupt-segment', {
      RAGTRACE_CLICKHOUSE_URL: standIn.url.href,
      RAGTRACE_DATA_DIR: dataDir,
      RAGTRACE_BATCH_MAX_DELAY_MS: '200',
    });
    cleanups.push(() => collector.dispose());
    const load = (firstRequest: number, requests: number) =>
      runLoadProcess({
        ...collector.loadTarget,
        firstRequest,
        requests,
        spansPerRequest: SPANS_PER_REQUEST,
        concurrency: 32,
        ratePerSecond: 30,
        retry: { kind: 'exporter', maxAttempts: 6, deadlineMs: 30_000 },
        attemptTimeoutMs: 10_000,
      });

    // Storage is down for the whole load: every request is acknowledged from the spool.
    standIn.setFault('fail');
    await load(0, REQUESTS_BEFORE);
    assert.equal(await collector.process.stop('SIGKILL'), null);
    const damaged = await damageOneSpoolRecord(join(dataDir, 'spool'));
    standIn.setFault('none');
    await collector.restart();
    // Requests keep coming while the spool is replayed.
    const summary = await load(REQUESTS_BEFORE, REQUESTS_AFTER);

    const destroyed = new Set(damaged.spanIds);
    const { figures, drained } = await auditAfterReplay(collector.url, {
      ...collector,
      sql: collector.sql(),
      destroyed,
    });
    const reported = collector.process
      .stderr()
      .split('\n')
      .filter((line) => line.includes(DAMAGE_LOG_LINE))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    printFigures('one byte of a spool segment damaged while stopped', figures, {
      damagedRequest: damaged.requestId ?? 'unknown',
      destroyedSpans: destroyed.size,
      reportedRecords: String(reported[0]?.['records']),
      reportedRows: String(reported[0]?.['rows']),
      secondLoadSeconds: (summary.durationMs / 1000).toFixed(1),
    });
    assert.ok(drained, 'the spool was replayed after the restart');
    assertAuditHolds(figures);
    assert.equal(figures.spansAcked, figures.spansSent, 'every request was acknowledged');
    assert.equal(figures.lostAsDestroyed, destroyed.size, 'the damaged record, and it alone, is lost');
    assert.deepEqual(
      reported.map(({ level, segment, records, rows, lostRecords }) => ({
        level,
        segment,
        records,
        rows,
        lostRecords,
      })),
      [
        {
          level: 'error',
          segment: damaged.segment,
          records: 1,
          rows: destroyed.size,
          lostRecords: [{ table: damaged.table, requestId: damaged.requestId, rows: destroyed.size }],
        },
      ],
      'the log says what was lost: one record, its spans, its request',
    );
  });
});
