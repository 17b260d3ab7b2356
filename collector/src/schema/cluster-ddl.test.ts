import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Storage } from '../storage/storage.js';
import { ALL_MIGRATIONS } from './all-migrations.js';
import { CLUSTER_WIDE_TABLES, renderClusterDdl } from './cluster-ddl.js';
import { runMigrations } from './run-migrations.js';

const CONTEXT = { cluster: 'ragtrace', database: 'otel' };
const ON_CLUSTER = 'ON CLUSTER `ragtrace`';
const SHARDED_PATH = "'/clickhouse/tables/{shard}/{database}/{table}', '{replica}'";
const CLUSTER_WIDE_PATH = "'/clickhouse/tables/all/{database}/{table}', '{replica}'";

/** Every statement of every migration, rendered for the example cluster, in execution order. */
function renderedMigrations(): string[] {
  return ALL_MIGRATIONS.flatMap((migration) =>
    migration.statements({ database: '`otel`' }).flatMap((statement) => renderClusterDdl(statement, CONTEXT)),
  );
}

function createdObject(statement: string): string | undefined {
  return /^CREATE (?:TABLE|MATERIALIZED VIEW) IF NOT EXISTS `otel`\.(\w+)/.exec(statement)?.[1];
}

function find(statements: string[], name: string): string {
  const statement = statements.find((candidate) => createdObject(candidate) === name);
  assert.ok(statement, `no CREATE for ${name}`);
  return statement;
}

describe('renderClusterDdl over every migration', () => {
  const statements = renderedMigrations();

  it('puts ON CLUSTER on every DDL statement and leaves no single-node engine', () => {
    for (const statement of statements.filter((s) => s.startsWith('CREATE'))) {
      assert.match(statement, /^CREATE [A-Z ]+ IF NOT EXISTS `otel`\.\w+ ON CLUSTER `ragtrace`\n?/);
      const engine = /ENGINE = (\w+)/.exec(statement)?.[1];
      if (engine !== undefined) assert.match(engine, /^(Replicated\w*MergeTree|Distributed)$/);
    }
  });

  it('creates each trace-keyed table as a replicated <name>_local plus a Distributed <name> sharded by trace id', () => {
    const sharded = [
      'otel_traces',
      'otel_traces_trace_id_ts',
      'genai_spans',
      'otel_logs',
      'genai_scores',
      'genai_retrieved_documents',
    ];
    for (const name of sharded) {
      assert.match(
        find(statements, `${name}_local`),
        new RegExp(`ENGINE = ReplicatedMergeTree\\(${escape(SHARDED_PATH)}\\)`),
      );
      assert.equal(
        find(statements, name),
        `CREATE TABLE IF NOT EXISTS \`otel\`.${name} ON CLUSTER \`ragtrace\`
AS \`otel\`.${name}_local
ENGINE = Distributed('ragtrace', 'otel', '${name}_local', cityHash64(TraceId))`,
      );
      assert.ok(
        statements.indexOf(find(statements, `${name}_local`)) < statements.indexOf(find(statements, name)),
        `${name}_local must exist before the Distributed table copies its structure`,
      );
    }
    const created = statements.map(createdObject).filter((name) => name !== undefined);
    const tables = created.filter((name) => !name.endsWith('_mv'));
    assert.deepEqual(
      tables.sort(),
      [...sharded, ...sharded.map((name) => `${name}_local`), 'genai_model_prices', 'genai_runs'].sort(),
    );
  });

  it('keeps the small tables whole on every node, with their Replacing version and delete columns', () => {
    assert.match(
      find(statements, 'genai_model_prices'),
      new RegExp(
        `ENGINE = ReplicatedReplacingMergeTree\\(${escape(CLUSTER_WIDE_PATH)}, UpdatedAt, IsDeleted\\)`,
      ),
    );
    assert.match(
      find(statements, 'genai_runs'),
      new RegExp(`ENGINE = ReplicatedReplacingMergeTree\\(${escape(CLUSTER_WIDE_PATH)}, UpdatedAt\\)`),
    );
    const seed = statements.find((statement) =>
      statement.startsWith('INSERT INTO `otel`.genai_model_prices'),
    );
    assert.ok(seed, 'the price seed still runs, once, into the cluster-wide table');
  });

  it('attaches every materialized view to the local tables of its shard', () => {
    const views: Array<[string, string, string]> = [
      ['otel_traces_trace_id_ts_mv', 'otel_traces_trace_id_ts_local', 'otel_traces_local'],
      ['genai_spans_mv', 'genai_spans_local', 'otel_traces_local'],
      ['genai_scores_mv', 'genai_scores_local', 'otel_logs_local'],
    ];
    for (const [view, target, source] of views) {
      const statement = find(statements, view);
      assert.ok(
        statement.startsWith(`CREATE MATERIALIZED VIEW IF NOT EXISTS \`otel\`.${view} ON CLUSTER \`ragtrace\`
TO \`otel\`.${target}
AS `),
      );
      assert.ok(statement.includes(`FROM \`otel\`.${source}\n`), `${view} reads ${source}`);
      assert.doesNotMatch(statement, /`otel`\.(otel_traces|otel_logs)\b(?!_)/);
    }
    // List prices are read whole on each node: the view must not look for a local copy.
    assert.match(find(statements, 'genai_spans_mv'), /`otel`\.genai_model_prices\b(?!_local)/);
  });

  it('adds a column to the shard tables and the Distributed table over them, ON CLUSTER', () => {
    const rendered = renderClusterDdl(
      'ALTER TABLE `otel`.genai_spans ADD COLUMN IF NOT EXISTS P String',
      CONTEXT,
    );
    assert.deepEqual(
      rendered.map((statement) => statement.split(' ADD COLUMN')[0]),
      [
        `ALTER TABLE \`otel\`.genai_spans_local ${ON_CLUSTER}`,
        `ALTER TABLE \`otel\`.genai_spans ${ON_CLUSTER}`,
      ],
    );
  });

  it("points a view's new query at the shard tables", () => {
    const [rendered] = renderClusterDdl(
      'ALTER TABLE `otel`.genai_spans_mv MODIFY QUERY SELECT 1 FROM `otel`.otel_traces JOIN `otel`.genai_runs USING x',
      CONTEXT,
    );
    assert.equal(
      rendered,
      `ALTER TABLE \`otel\`.genai_spans_mv ${ON_CLUSTER} MODIFY QUERY SELECT 1 FROM \`otel\`.otel_traces_local JOIN \`otel\`.genai_runs USING x`,
    );
  });

  it('refuses statements it cannot place on the cluster instead of running them on one node', () => {
    assert.throws(
      () => renderClusterDdl('ALTER TABLE `otel`.otel_traces DROP COLUMN X', CONTEXT),
      /Cannot render/,
    );
    assert.throws(
      () =>
        renderClusterDdl(
          'CREATE TABLE IF NOT EXISTS `otel`.things (\n    Id String\n) ENGINE = MergeTree ORDER BY Id',
          CONTEXT,
        ),
      /no TraceId to shard by/,
    );
  });
});

describe('runMigrations with a cluster', () => {
  it('sends only rendered statements: the database, the migration log and every migration go ON CLUSTER', async () => {
    const commands: string[] = [];
    const storage: Storage = {
      kind: 'server',
      database: 'otel',
      command: (sql) => Promise.resolve(void commands.push(sql)),
      queryRows: () => Promise.resolve([]),
      insertRows: () => Promise.resolve(),
      rawQuery: () => Promise.reject(new Error('not used by migrations')),
      ping: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const report = await runMigrations(storage, { cluster: 'ragtrace' });
    assert.deepEqual(
      report.applied,
      ALL_MIGRATIONS.map((migration) => migration.version),
    );
    assert.equal(commands[0], 'CREATE DATABASE IF NOT EXISTS `otel` ON CLUSTER `ragtrace`');
    assert.match(
      commands[1] ?? '',
      /ragtrace_schema_migrations ON CLUSTER `ragtrace`[^]*ReplicatedReplacingMergeTree\(/,
    );
    assert.deepEqual(commands.slice(2), renderedMigrations());
    assert.ok(CLUSTER_WIDE_TABLES.has('ragtrace_schema_migrations'));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
