import { MODEL_PRICES_TABLE } from '../pricing/index.js';
import { quoteIdentifier, sqlStringLiteral } from '../storage/sql-text.js';
import { VERSIONS_TABLE } from './versions-table.js';

export interface ClusterDdlContext {
  /** Cluster name from the servers' remote_servers config. */
  cluster: string;
  /** Database name, unquoted. */
  database: string;
}

/**
 * Small tables that every node holds in full (replicated across all shards), so joins and
 * FINAL reads against them stay local to whichever node runs the query: list prices read by
 * the genai_spans view on every insert, run records deduplicated by FINAL, and the migration log.
 */
export const CLUSTER_WIDE_TABLES: ReadonlySet<string> = new Set([
  MODEL_PRICES_TABLE,
  'genai_runs',
  VERSIONS_TABLE,
]);

/** Suffix of the per-shard table behind each Distributed table. */
export const LOCAL_TABLE_SUFFIX = '_local';

/**
 * Spans of one trace, its scores and its lookup row land on one shard, so per-trace reads and
 * joins between the span, log and score tables never cross shards.
 */
const SHARDING_KEY = 'cityHash64(TraceId)';

const CREATE_DATABASE = /^CREATE DATABASE IF NOT EXISTS (\S+)$/;
const CREATE_TABLE = /^CREATE TABLE IF NOT EXISTS (`[^`]+`)\.(\w+) \(/;
const CREATE_MATERIALIZED_VIEW =
  /^CREATE MATERIALIZED VIEW IF NOT EXISTS (`[^`]+`)\.(\w+)\nTO (`[^`]+`)\.(\w+)\n/;
const ALTER_TABLE = /^ALTER TABLE (`[^`]+`)\.(\w+) (ADD COLUMN|MODIFY QUERY) /;
const MERGE_TREE_ENGINE = /\) ENGINE = (\w*MergeTree)(?:\(([^)]*)\))?/;
const SHARDED_TABLE_REFERENCE = /(`[^`]+`)\.(\w+)\b/g;

/**
 * Renders one single-node migration statement for a ClickHouse cluster, so migrations are
 * written once and every statement goes through this one function:
 * - every DDL gets `ON CLUSTER`, and every MergeTree-family engine becomes its Replicated*
 *   variant (engine arguments such as a version column kept after the Keeper path and replica);
 * - a table listed in {@link CLUSTER_WIDE_TABLES} keeps its name and is replicated to every node;
 * - any other table becomes `<name>_local` on each shard plus a Distributed table `<name>` over
 *   it, sharded by trace id, so every reader and writer keeps using the same names;
 * - a materialized view reads the local table it is attached to and writes the local target
 *   table: each shard derives its own rows from the spans and logs inserted into it.
 * INSERTs (seed data) pass through unchanged; anything else throws, so a new kind of statement
 * cannot silently skip the cluster.
 */
export function renderClusterDdl(statement: string, context: ClusterDdlContext): string[] {
  const onCluster = `ON CLUSTER ${quoteIdentifier(context.cluster)}`;
  const database = CREATE_DATABASE.exec(statement);
  if (database) return [`${statement} ${onCluster}`];
  const table = CREATE_TABLE.exec(statement);
  if (table) return renderTable(statement, table[1] ?? '', table[2] ?? '', context, onCluster);
  const view = CREATE_MATERIALIZED_VIEW.exec(statement);
  if (view) return [renderMaterializedView(statement, view, onCluster)];
  const alter = ALTER_TABLE.exec(statement);
  if (alter) return renderAlter(statement, alter, onCluster);
  if (statement.startsWith('INSERT INTO ')) return [statement];
  throw new Error(`Cannot render this migration statement for a cluster: ${statement.slice(0, 80)}`);
}

function renderTable(
  statement: string,
  quotedDatabase: string,
  name: string,
  context: ClusterDdlContext,
  onCluster: string,
): string[] {
  const clusterWide = CLUSTER_WIDE_TABLES.has(name);
  if (!clusterWide && !/\n\s*TraceId String\b/.test(statement)) {
    throw new Error(
      `Table ${name} has no TraceId to shard by: add it to CLUSTER_WIDE_TABLES or give it a sharding key`,
    );
  }
  const localName = clusterWide ? name : name + LOCAL_TABLE_SUFFIX;
  const keeperPath = clusterWide
    ? '/clickhouse/tables/all/{database}/{table}'
    : '/clickhouse/tables/{shard}/{database}/{table}';
  const local = replicateEngine(
    statement.replace(
      CREATE_TABLE,
      `CREATE TABLE IF NOT EXISTS ${quotedDatabase}.${localName} ${onCluster} (`,
    ),
    keeperPath,
    name,
  );
  if (clusterWide) return [local];
  const distributedArguments = [context.cluster, context.database, localName].map(sqlStringLiteral);
  const distributed = `CREATE TABLE IF NOT EXISTS ${quotedDatabase}.${name} ${onCluster}
AS ${quotedDatabase}.${localName}
ENGINE = Distributed(${distributedArguments.join(', ')}, ${SHARDING_KEY})`;
  return [local, distributed];
}

function replicateEngine(statement: string, keeperPath: string, table: string): string {
  const engine = MERGE_TREE_ENGINE.exec(statement);
  if (!engine) throw new Error(`Table ${table} has no MergeTree-family engine to replicate`);
  const engineArguments = [sqlStringLiteral(keeperPath), sqlStringLiteral('{replica}')];
  if (engine[2]) engineArguments.push(engine[2]);
  return statement.replace(
    MERGE_TREE_ENGINE,
    `) ENGINE = Replicated${engine[1] ?? ''}(${engineArguments.join(', ')})`,
  );
}

/**
 * A new column goes to the per-shard table and to the Distributed table over it; a view's new
 * query, like its CREATE, reads and writes the local tables.
 */
function renderAlter(statement: string, header: RegExpExecArray, onCluster: string): string[] {
  const [matched, database, name, action] = header;
  const prefix = (table: string) => `ALTER TABLE ${database ?? ''}.${table} ${onCluster} ${action ?? ''} `;
  const rest = statement.slice(matched.length);
  if (action === 'MODIFY QUERY') {
    const body = rest.replace(
      SHARDED_TABLE_REFERENCE,
      (_reference, db: string, table: string) =>
        `${db}.${CLUSTER_WIDE_TABLES.has(table) ? table : table + LOCAL_TABLE_SUFFIX}`,
    );
    return [prefix(name ?? '') + body];
  }
  if (CLUSTER_WIDE_TABLES.has(name ?? '')) return [prefix(name ?? '') + rest];
  return [prefix(`${name ?? ''}${LOCAL_TABLE_SUFFIX}`) + rest, prefix(name ?? '') + rest];
}

function renderMaterializedView(statement: string, header: RegExpExecArray, onCluster: string): string {
  const [matched, viewDatabase, viewName, targetDatabase, targetName] = header;
  const localName = (table: string) => (CLUSTER_WIDE_TABLES.has(table) ? table : table + LOCAL_TABLE_SUFFIX);
  // Only sharded tables are renamed in the body: cluster-wide tables are complete on every node.
  const body = statement
    .slice(matched.length)
    .replace(
      SHARDED_TABLE_REFERENCE,
      (_reference, database: string, table: string) => `${database}.${localName(table)}`,
    );
  return `CREATE MATERIALIZED VIEW IF NOT EXISTS ${viewDatabase ?? ''}.${viewName ?? ''} ${onCluster}
TO ${targetDatabase ?? ''}.${localName(targetName ?? '')}
${body}`;
}
