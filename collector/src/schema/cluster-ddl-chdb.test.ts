import {
  ATTR_GEN_AI_EVALUATION_NAME,
  ATTR_GEN_AI_EVALUATION_SCORE_VALUE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  EVENT_GEN_AI_EVALUATION_RESULT,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ClickHouseStorage } from '../storage/clickhouse-storage.js';
import { openStorage } from '../storage/open-storage.js';
import type { Storage } from '../storage/storage.js';
import { runMigrations } from './run-migrations.js';

/**
 * chDB has no Keeper and no remote servers, so the parts of the cluster form that need them are
 * taken out: ON CLUSTER, the Keeper path and replica of Replicated engines, and the Distributed
 * tables. What is left is exactly what each shard runs locally.
 */
/** Distributed tables, which a shard on its own does not have: changes to them are skipped too. */
const distributedTables = new Set<string>();

function shardLocalPart(statement: string): string | undefined {
  const created = /^CREATE TABLE IF NOT EXISTS `otel`\.(\w+) /.exec(statement)?.[1];
  if (statement.includes('ENGINE = Distributed(')) {
    if (created !== undefined) distributedTables.add(created);
    return undefined;
  }
  const altered = /^ALTER TABLE `otel`\.(\w+) /.exec(statement)?.[1];
  if (altered !== undefined && distributedTables.has(altered)) return undefined;
  // An INSERT … SELECT runs once, through the Distributed tables; a shard's share of it reads
  // and writes the shard's own tables.
  if (statement.startsWith('INSERT INTO ')) {
    return statement.replace(/`otel`\.(\w+)\b/g, (reference, table: string) =>
      distributedTables.has(table) ? `\`otel\`.${table}_local` : reference,
    );
  }
  return statement
    .replace(' ON CLUSTER `ragtrace`', '')
    .replace(/Replicated(\w*MergeTree)\('[^']*', '\{replica\}'(?:, )?/, '$1(');
}

describe('the cluster form of the migrations, as one shard runs it, on chDB', () => {
  let dir: string;
  let storage: ClickHouseStorage;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ragtrace-cluster-ddl-'));
    storage = await openStorage({ kind: 'embedded', dataDir: dir, database: 'otel' });
    const shard: Storage = {
      kind: storage.kind,
      database: storage.database,
      command: async (sql) => {
        const local = shardLocalPart(sql);
        if (local !== undefined) await storage.command(local);
      },
      queryRows: (query, params) => storage.queryRows(query, params),
      insertRows: (table, rows) => storage.insertRows(table, rows),
      rawQuery: (params) => storage.rawQuery(params),
      ping: () => storage.ping(),
      close: () => storage.close(),
    };
    await runMigrations(shard, { cluster: 'ragtrace' });
  });
  after(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs every statement, and spans and scores inserted into the local tables reach the local GenAI tables', async () => {
    const traceId = 'cd'.repeat(16);
    await storage.insertRows('otel_traces_local', [
      {
        Timestamp: '1735689600000000000',
        TraceId: traceId,
        SpanId: '01'.repeat(8),
        Duration: '2000000',
        SpanAttributes: {
          [ATTR_GEN_AI_OPERATION_NAME]: 'chat',
          [ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o-mini',
          [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: '1000',
          [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: '100',
        },
      },
    ]);
    await storage.insertRows('otel_logs_local', [
      {
        Timestamp: '1735689601000000000',
        TraceId: traceId,
        EventName: EVENT_GEN_AI_EVALUATION_RESULT,
        LogAttributes: {
          [ATTR_GEN_AI_EVALUATION_NAME]: 'faithfulness',
          [ATTR_GEN_AI_EVALUATION_SCORE_VALUE]: '0.75',
        },
      },
    ]);
    const spans = await storage.queryRows<{ InputTokens: string; CostUsd: number | null }>(
      'SELECT InputTokens, CostUsd FROM otel.genai_spans_local WHERE TraceId = {traceId:String}',
      { traceId },
    );
    assert.equal(spans.length, 1);
    assert.equal(Number(spans[0]?.InputTokens), 1000);
    assert.ok((spans[0]?.CostUsd ?? 0) > 0, 'priced from the cluster-wide genai_model_prices seed');
    const lookups = await storage.queryRows<{ n: string }>(
      'SELECT count() AS n FROM otel.otel_traces_trace_id_ts_local WHERE TraceId = {traceId:String}',
      { traceId },
    );
    assert.equal(Number(lookups[0]?.n), 1);
    const scores = await storage.queryRows<{ Name: string; Value: number }>(
      'SELECT Name, Value FROM otel.genai_scores_local WHERE TraceId = {traceId:String}',
      { traceId },
    );
    assert.deepEqual(scores, [{ Name: 'faithfulness', Value: 0.75 }]);
  });

  it('has no table under the single-node names of sharded tables: those are the Distributed ones', async () => {
    const tables = await storage.queryRows<{ name: string }>(
      "SELECT name FROM system.tables WHERE database = 'otel' AND name IN ('otel_traces', 'genai_spans', 'otel_logs', 'genai_scores') ",
    );
    assert.deepEqual(tables, []);
  });
});
