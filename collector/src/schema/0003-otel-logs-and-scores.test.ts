import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { newLogRow } from '../otlp/index.js';
import type { ClickHouseStorage } from '../storage/clickhouse-storage.js';
import type { LogRow } from '../storage/log-row.js';
import { openStorage } from '../storage/open-storage.js';
import { runMigrations } from './run-migrations.js';

/** The OpenTelemetry Collector ClickHouse exporter's current logs columns, in order, with their types. */
const EXPORTER_LOGS_COLUMNS = [
  ['Timestamp', 'DateTime64(9)'],
  ['TimestampTime', 'DateTime'],
  ['TraceId', 'String'],
  ['SpanId', 'String'],
  ['TraceFlags', 'UInt8'],
  ['SeverityText', 'LowCardinality(String)'],
  ['SeverityNumber', 'UInt8'],
  ['ServiceName', 'LowCardinality(String)'],
  ['Body', 'String'],
  ['ResourceSchemaUrl', 'LowCardinality(String)'],
  ['ResourceAttributes', 'Map(LowCardinality(String), String)'],
  ['ScopeSchemaUrl', 'LowCardinality(String)'],
  ['ScopeName', 'String'],
  ['ScopeVersion', 'LowCardinality(String)'],
  ['ScopeAttributes', 'Map(LowCardinality(String), String)'],
  ['LogAttributes', 'Map(LowCardinality(String), String)'],
  ['EventName', 'String'],
];

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

function logRow(fields: Partial<LogRow>): LogRow {
  return { ...newLogRow(), Timestamp: '1700000000123456789', ...fields };
}

interface ScoreRow {
  Timestamp: string;
  TraceId: string;
  SpanId: string;
  RunId: string;
  Name: string;
  Value: number | null;
  Label: string;
  Source: string;
  Explanation: string;
}

describe('otel_logs and genai_scores on embedded storage', () => {
  let dir: string;
  let storage: ClickHouseStorage;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ragtrace-logs-migration-'));
    storage = await openStorage({ kind: 'embedded', dataDir: dir, database: 'otel' });
    await runMigrations(storage);
  });
  after(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  const scoresOf = (traceId: string) =>
    storage.queryRows<ScoreRow>(
      'SELECT * FROM otel.genai_scores WHERE TraceId = {traceId:String} ORDER BY Name',
      { traceId },
    );

  it('creates otel_logs with exactly the exporter columns and types, and applies once', async () => {
    const columns = await storage.queryRows<{ name: string; type: string }>(
      "SELECT name, type FROM system.columns WHERE database = 'otel' AND table = 'otel_logs' ORDER BY position",
    );
    assert.deepEqual(
      columns.map((c) => [c.name, c.type]),
      EXPORTER_LOGS_COLUMNS,
    );
    assert.deepEqual((await runMigrations(storage)).applied, []);
  });

  it('turns an evaluation event into a genai_scores row, every column filled', async () => {
    await storage.insertRows('otel_logs', [
      logRow({
        TraceId: TRACE_ID,
        SpanId: 'b7ad6b7169203331',
        EventName: 'gen_ai.evaluation.result',
        LogAttributes: {
          'gen_ai.evaluation.name': 'faithfulness',
          'gen_ai.evaluation.score.value': '0.85',
          'gen_ai.evaluation.score.label': 'faithful',
          'gen_ai.evaluation.explanation': 'every claim is in the context',
          'ragtrace.evaluation.source': 'llm',
          'ragtrace.run.id': 'run-1',
        },
      }),
    ]);
    assert.deepEqual(await scoresOf(TRACE_ID), [
      {
        Timestamp: '2023-11-14 22:13:20.123456789',
        TraceId: TRACE_ID,
        SpanId: 'b7ad6b7169203331',
        RunId: 'run-1',
        Name: 'faithfulness',
        Value: 0.85,
        Label: 'faithful',
        Source: 'llm',
        Explanation: 'every claim is in the context',
        // Filled by migration 0006 from the project the collector stamps; this row bypassed it.
        Project: '',
      },
    ]);
  });

  it('reads the event name from event.name for older senders, and leaves out other records', async () => {
    const traceId = '1'.repeat(32);
    await storage.insertRows('otel_logs', [
      logRow({
        TraceId: traceId,
        LogAttributes: {
          'event.name': 'gen_ai.evaluation.result',
          'gen_ai.evaluation.name': 'thumbs',
          'gen_ai.evaluation.score.label': 'up',
          'ragtrace.evaluation.source': 'someone',
        },
      }),
      logRow({
        TraceId: traceId,
        Body: 'an ordinary log line',
        LogAttributes: { 'gen_ai.evaluation.name': 'x' },
      }),
      logRow({ TraceId: traceId, EventName: 'gen_ai.client.inference.operation.details' }),
    ]);
    const scores = await scoresOf(traceId);
    assert.deepEqual(
      scores.map(({ Name, Value, Label, Source, RunId }) => ({ Name, Value, Label, Source, RunId })),
      [{ Name: 'thumbs', Value: null, Label: 'up', Source: '', RunId: '' }],
    );
  });
});
