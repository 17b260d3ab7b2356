import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ClickHouseStorage } from '../storage/clickhouse-storage.js';
import { openStorage } from '../storage/open-storage.js';
import { ALL_MIGRATIONS } from './all-migrations.js';
import { runMigrations } from './run-migrations.js';

/** The OpenTelemetry Collector ClickHouse exporter's traces columns, in order, with their types. */
const EXPORTER_TRACES_COLUMNS = [
  ['Timestamp', 'DateTime64(9)'],
  ['TraceId', 'String'],
  ['SpanId', 'String'],
  ['ParentSpanId', 'String'],
  ['TraceState', 'String'],
  ['SpanName', 'LowCardinality(String)'],
  ['SpanKind', 'LowCardinality(String)'],
  ['ServiceName', 'LowCardinality(String)'],
  ['ResourceAttributes', 'Map(LowCardinality(String), String)'],
  ['ScopeName', 'String'],
  ['ScopeVersion', 'String'],
  ['SpanAttributes', 'Map(LowCardinality(String), String)'],
  ['Duration', 'UInt64'],
  ['StatusCode', 'LowCardinality(String)'],
  ['StatusMessage', 'String'],
  ['Events.Timestamp', 'Array(DateTime64(9))'],
  ['Events.Name', 'Array(LowCardinality(String))'],
  ['Events.Attributes', 'Array(Map(LowCardinality(String), String))'],
  ['Links.TraceId', 'Array(String)'],
  ['Links.SpanId', 'Array(String)'],
  ['Links.TraceState', 'Array(String)'],
  ['Links.Attributes', 'Array(Map(LowCardinality(String), String))'],
  ['ResourceAttributeItems', 'Array(String)'],
  ['SpanAttributeItems', 'Array(String)'],
];

describe('runMigrations on embedded storage', () => {
  let dir: string;
  let storage: ClickHouseStorage;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ragtrace-migrations-'));
    storage = await openStorage({ kind: 'embedded', dataDir: dir, database: 'otel' });
  });
  after(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates otel_traces with exactly the exporter columns and types, and is idempotent', async () => {
    const first = await runMigrations(storage);
    const versions = ALL_MIGRATIONS.map((migration) => migration.version);
    assert.deepEqual(first.applied, versions);
    const second = await runMigrations(storage);
    assert.deepEqual(second, { applied: [], current: Math.max(...versions) });

    const columns = await storage.queryRows<{ name: string; type: string }>(
      "SELECT name, type FROM system.columns WHERE database = 'otel' AND table = 'otel_traces' ORDER BY position",
    );
    assert.deepEqual(
      columns.map((c) => [c.name, c.type]),
      EXPORTER_TRACES_COLUMNS,
    );
  });

  it('fills the trace-id lookup table through its materialized view', async () => {
    await runMigrations(storage);
    await storage.insertRows('otel_traces', [
      { Timestamp: '1700000000000000000', TraceId: 'aa', SpanId: '01', Duration: '5' },
      { Timestamp: '1700000009000000000', TraceId: 'aa', SpanId: '02', Duration: '5' },
    ]);
    const rows = await storage.queryRows<{ Start: string; End: string }>(
      "SELECT min(Start) AS Start, max(End) AS End FROM otel.otel_traces_trace_id_ts WHERE TraceId = 'aa'",
    );
    assert.deepEqual(rows, [{ Start: '2023-11-14 22:13:20', End: '2023-11-14 22:13:29' }]);
  });
});
