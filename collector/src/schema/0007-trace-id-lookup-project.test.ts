import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ClickHouseStorage } from '../storage/clickhouse-storage.js';
import { openStorage } from '../storage/open-storage.js';
import { ALL_MIGRATIONS } from './all-migrations.js';
import { runMigrations } from './run-migrations.js';

const TRACE = 'ef'.repeat(16);

/** One span of `project` in TRACE at `seconds`, as the collector stores it. */
function span(project: string, spanId: string, seconds: number): object {
  return {
    Timestamp: `${seconds}000000000`,
    TraceId: TRACE,
    SpanId: spanId,
    ResourceAttributes: { 'ragtrace.project': project },
  };
}

interface Bounds {
  Project: string;
  Start: number;
  End: number;
}

describe('migration 7: the trace-id lookup table knows whose spans made each row', () => {
  let dir: string;
  let storage: ClickHouseStorage;
  const boundsByProject = () =>
    storage.queryRows<Bounds>(
      `SELECT Project, toUnixTimestamp(min(Start)) AS Start, toUnixTimestamp(max(End)) AS End
       FROM otel.otel_traces_trace_id_ts WHERE TraceId = {trace:String} GROUP BY Project ORDER BY Project`,
      { trace: TRACE },
    );

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ragtrace-migration-7-'));
    storage = await openStorage({ kind: 'embedded', dataDir: dir, database: 'otel' });
    // Spans stored before the migration: two projects share a trace id.
    await runMigrations(storage, { migrations: ALL_MIGRATIONS.filter((migration) => migration.version < 7) });
    await storage.insertRows('otel_traces', [span('beta', '01'.repeat(8), 1_700_000_000)]);
    await storage.insertRows('otel_traces', [span('gamma', '02'.repeat(8), 1_700_003_600)]);
    await runMigrations(storage);
  });
  after(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('derives the rows stored before it again, per project, and keeps the old ones for reads without a key', async () => {
    assert.deepEqual(await boundsByProject(), [
      { Project: '', Start: 1_700_000_000, End: 1_700_003_600 },
      { Project: 'beta', Start: 1_700_000_000, End: 1_700_000_000 },
      { Project: 'gamma', Start: 1_700_003_600, End: 1_700_003_600 },
    ]);
  });

  it("fills the column from each new span, so one project never moves another one's bounds", async () => {
    await storage.insertRows('otel_traces', [
      span('beta', '03'.repeat(8), 1_700_000_060),
      span('gamma', '04'.repeat(8), 1_699_990_000),
    ]);
    const bounds = await boundsByProject();
    assert.deepEqual(
      bounds.filter((row) => row.Project !== ''),
      [
        { Project: 'beta', Start: 1_700_000_000, End: 1_700_000_060 },
        { Project: 'gamma', Start: 1_699_990_000, End: 1_700_003_600 },
      ],
    );
  });

  it("keeps the exporter's three columns first, as Grafana's trace view reads them", async () => {
    const columns = await storage.queryRows<{ name: string }>(
      "SELECT name FROM system.columns WHERE database = 'otel' AND table = 'otel_traces_trace_id_ts' ORDER BY position",
    );
    assert.deepEqual(
      columns.map((column) => column.name),
      ['TraceId', 'Start', 'End', 'Project'],
    );
  });
});
