import { createClient, type ClickHouseClient } from '@clickhouse/client';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createProjectKey } from '../support/auth-keys.js';
import { makeTempDir } from '../support/temp-dir.js';
import { assertAuditHolds, type AuditFigures } from './audit.js';
import { auditAfterReplay } from './audit-after-replay.js';
import { runLoadProcess } from './load-process-runner.js';
import { sendLogRequests, type LogRequestsResult } from './log-requests.js';
import { INVALID_TEXT_KINDS } from './poison-request.js';
import { printFigures } from './print-figures.js';
import { startScenarioCollector, type ScenarioCollector } from './scenario-collector.js';

const PROJECTS = ['tenant-a', 'tenant-b'] as const;
const REQUESTS = 400;
const SPANS_PER_REQUEST = 5;
const POISON_EVERY = 4;
const SERVICES = 4;
const LOG_REQUESTS = 150;

interface ProjectRun {
  project: string;
  key: string;
  /** Reads through /clickhouse with the project's key: its own rows only. */
  sql: ClickHouseClient;
  ledgerPath: string;
  seed: string;
  logs?: LogRequestsResult;
  figures?: AuditFigures;
  drained?: boolean;
}

describe('reliability: spans and log records with invalid text inside good batches, two projects', () => {
  let collector: ScenarioCollector;
  let keysDir: Awaited<ReturnType<typeof makeTempDir>>;
  let runs: ProjectRun[];
  before(async () => {
    keysDir = await makeTempDir('poison-span-keys');
    const keys: string[] = [];
    // One after the other: each rewrites the key file.
    for (const project of PROJECTS) keys.push(await createProjectKey(keysDir.path, project));
    collector = await startScenarioCollector('poison-span', {
      RAGTRACE_AUTH: 'required',
      RAGTRACE_KEYS_FILE: join(keysDir.path, 'keys.json'),
      // Half a second of requests share each insert, so invalid text arrives inside good batches.
      RAGTRACE_BATCH_MAX_DELAY_MS: '500',
    });
    runs = PROJECTS.map((project, index) => ({
      project,
      key: keys[index]!,
      sql: createClient({
        url: collector.url,
        pathname: '/clickhouse',
        http_headers: { 'x-api-key': keys[index]! },
      }),
      ledgerPath: `${collector.ledgerPath}.${project}`,
      seed: `${collector.seed}-${project}`,
    }));
  });
  after(async () => {
    await Promise.all(runs.map((run) => run.sql.close()));
    await collector.dispose();
    await keysDir.remove();
  });

  it('stores every request repaired, each project its own, and answers no good request 500', async () => {
    const started = performance.now();
    // Both projects use the same service names: each must still read exactly its own spans.
    await Promise.all(
      runs.flatMap((run) => [
        runLoadProcess({
          ...collector.loadTarget,
          ledgerPath: run.ledgerPath,
          seed: run.seed,
          apiKey: run.key,
          requests: REQUESTS,
          spansPerRequest: SPANS_PER_REQUEST,
          services: SERVICES,
          concurrency: 24,
          retry: { kind: 'exporter', maxAttempts: 6, deadlineMs: 30_000 },
          attemptTimeoutMs: 10_000,
          poisonEvery: POISON_EVERY,
          poisonKinds: INVALID_TEXT_KINDS,
        }),
        sendLogRequests({
          url: collector.url,
          seed: run.seed,
          serviceName: collector.serviceName,
          requests: LOG_REQUESTS,
          concurrency: 8,
          apiKey: run.key,
        }).then((logs) => (run.logs = logs)),
      ]),
    );
    for (const run of runs) {
      const audit = await auditAfterReplay(collector.url, {
        ledgerPath: run.ledgerPath,
        sql: run.sql,
        serviceName: collector.serviceName,
      });
      run.figures = audit.figures;
      run.drained = audit.drained;
      printFigures(`poison span (${run.project})`, audit.figures, {
        seconds: ((performance.now() - started) / 1000).toFixed(1),
        spoolDrained: String(audit.drained),
        logStatuses: JSON.stringify(run.logs!.statuses),
      });
    }

    for (const run of runs) {
      const figures = run.figures!;
      assert.ok(run.drained, 'the spool was replayed');
      assertAuditHolds(figures);
      assert.deepEqual(
        figures.statuses,
        { 200: REQUESTS },
        `${run.project}: every request answered 200 at once`,
      );
      assert.equal(
        figures.spansAcked,
        REQUESTS * SPANS_PER_REQUEST,
        `${run.project}: every span acknowledged`,
      );
      assert.equal(figures.spansStored, figures.spansAcked, `${run.project}: every span stored`);
      const repaired = await queryRows<{ n: string }>(
        run.sql,
        `SELECT count() AS n FROM otel.otel_traces
         WHERE position(SpanName, '\uFFFD') > 0 AND position(ServiceName, '\uFFFD') > 0`,
      );
      assert.equal(
        Number(repaired[0]!.n),
        (REQUESTS / POISON_EVERY) * SPANS_PER_REQUEST,
        `${run.project}: the spans with invalid text are stored with U+FFFD`,
      );

      const { statuses, traceIds } = run.logs!;
      assert.deepEqual(statuses, { 200: LOG_REQUESTS }, `${run.project}: every log request answered 200`);
      const stored = await queryRows<{ TraceId: string; n: string }>(
        run.sql,
        'SELECT TraceId, count() AS n FROM otel.otel_logs WHERE TraceId IN {traceIds:Array(String)} GROUP BY TraceId',
        { traceIds },
      );
      assert.equal(stored.length, LOG_REQUESTS, `${run.project}: every log record stored`);
      assert.ok(
        stored.every((row) => Number(row.n) === 1),
        `${run.project}: each log record once`,
      );
      const repairedLogs = await queryRows<{ n: string }>(
        run.sql,
        `SELECT count() AS n FROM otel.otel_logs WHERE TraceId IN {traceIds:Array(String)}
           AND position(Body, '\uFFFD') > 0 AND position(ServiceName, '\uFFFD') > 0`,
        { traceIds },
      );
      assert.equal(
        Number(repairedLogs[0]!.n),
        (LOG_REQUESTS * 2) / 3,
        `${run.project}: the records with invalid text are stored with U+FFFD`,
      );
    }
    assert.doesNotMatch(collector.process.stderr(), /"msg":"internal error"/, 'no request failed with 500');
  });
});

async function queryRows<Row>(
  sql: ClickHouseClient,
  query: string,
  queryParams: Record<string, unknown> = {},
): Promise<Row[]> {
  const result = await sql.query({ query, query_params: queryParams, format: 'JSONEachRow' });
  return result.json<Row>();
}
