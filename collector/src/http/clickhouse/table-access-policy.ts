import { projectTables, TABLE_FILTERS_SETTING } from '../../auth/project-filters.js';
import { MODEL_PRICES_TABLE } from '../../pricing/index.js';
import { VERSIONS_TABLE } from '../../storage/migrations/versions-table.js';
import type { Storage } from '../../storage/storage.js';
import { clickHouseRefusal } from './clickhouse-error-codes.js';
import { walkAst, type AstNode } from './explain-ast.js';

/**
 * Table functions that only make up rows. Every other one reads something the collector's
 * tables do not hold — files and URLs on or near the collector's host (file, url, s3, hdfs,
 * remote, mysql, …) — or reads tables around the project filters (merge, cluster, loop).
 */
const ROW_GENERATING_TABLE_FUNCTIONS = new Set([
  'numbers',
  'numbers_mt',
  'zeros',
  'zeros_mt',
  'values',
  'generateSeries',
  'generate_series',
  'null',
  'view',
]);

/**
 * Scalar functions that read data by name rather than through a table expression, and so
 * outside the project filters: `file()` a file on the host, the dict and join functions a
 * dictionary or Join table.
 */
const DATA_READING_FUNCTION = /^(file|joinGet(OrNull)?|dict[A-Z]\w*)$/;

/** `x IN t` names a table directly; the filters are only proven for `x IN (SELECT … FROM t)`. */
const IN_FUNCTIONS = new Set([
  'in',
  'notIn',
  'globalIn',
  'globalNotIn',
  'nullIn',
  'notNullIn',
  'globalNullIn',
  'globalNotNullIn',
]);

/** What a project-scoped caller may run: reads of data, and of the schema. */
const SCOPED_STATEMENTS = new Set([
  'SelectWithUnionQuery',
  'DescribeQuery',
  'ShowTables',
  'ExistsTableQuery',
  'ShowCreateTableQuery',
]);

/**
 * Schema and constant tables every project may read (Grafana's query editor lists databases,
 * tables and columns). They hold table names and sizes, not rows of anyone's data.
 */
const SHARED_SYSTEM_TABLES = [
  'one',
  'numbers',
  'numbers_mt',
  'zeros',
  'zeros_mt',
  'databases',
  'tables',
  'columns',
  'functions',
  'table_functions',
  'data_type_families',
  'time_zones',
].map((table) => `system.${table}`);

/** Views over system.tables and system.columns. */
const SCHEMA_VIEW_DATABASES = new Set(['information_schema', 'INFORMATION_SCHEMA']);

/**
 * Settings a scoped caller may not send: they would lift or change the project filters, or
 * (the query cache) could answer one project with a result cached for another.
 */
const FILTER_SETTINGS = new Set([
  TABLE_FILTERS_SETTING,
  'additional_result_filter',
  'enable_analyzer',
  'allow_experimental_analyzer',
  'use_query_cache',
  'enable_reads_from_query_cache',
]);

const PLAIN_TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

export interface TableAccessOptions {
  storage: Storage;
  /** Database unqualified table names resolve against (the request's `database`). */
  database: string;
  /** The caller's project when reads are limited to it; undefined while auth is off. */
  project: string | undefined;
  /** Settings the request sends (URL parameters). */
  settings: Readonly<Record<string, string>>;
}

/**
 * Refuses what a read-only `/clickhouse` query may not touch, judged on the engine's own syntax
 * tree (not on the text, which quoting, comments and parameters can disguise):
 * - always: table functions and scalar functions that read files, URLs or other servers
 *   (embedded, those would be the collector host's own files);
 * - for a project-scoped caller also: any table but the project tables (which the engine
 *   filters by project) and the shared schema tables; `x IN table`; SETTINGS clauses and
 *   the settings that govern the filters; statements other than reads of data and schema.
 */
export async function enforceTableAccess(statement: AstNode, options: TableAccessOptions): Promise<void> {
  const scoped = options.project !== undefined;
  if (scoped) {
    for (const name of Object.keys(options.settings)) {
      if (FILTER_SETTINGS.has(name)) denied(`the setting ${name} cannot be changed with a project API key`);
    }
    if (!SCOPED_STATEMENTS.has(statement.name)) {
      denied(
        'with a project API key, only SELECT, DESCRIBE, SHOW TABLES, SHOW CREATE and EXISTS are accepted',
      );
    }
  }
  const tableReferences: string[] = [];
  const inTables: string[] = [];
  for (const { node, parent } of walkAst(statement)) {
    if (node.name === 'Function') {
      const name = functionName(node);
      if (parent?.name === 'TableExpression' && !ROW_GENERATING_TABLE_FUNCTIONS.has(name)) {
        denied(`the table function ${name}() is not allowed here: it reads outside the collector's tables`);
      }
      if (DATA_READING_FUNCTION.test(name) && (scoped || name === 'file')) {
        denied(`the function ${name}() is not allowed here: it reads outside the collector's tables`);
      }
      const inTable = IN_FUNCTIONS.has(name) ? node.children[0]?.children[1] : undefined;
      if (scoped && inTable?.name === 'Identifier') inTables.push(firstWord(inTable.detail));
    } else if (scoped && node.name === 'Set') {
      denied('SETTINGS clauses are not accepted with a project API key');
    } else if (scoped && node.name === 'TableIdentifier') {
      tableReferences.push(firstWord(node.detail));
    }
  }
  if (scoped) {
    for (const reference of tableReferences) await assertReadableTable(reference, options);
    for (const reference of inTables) await assertNotATable(reference, options);
  }
}

async function assertReadableTable(
  reference: string,
  { storage, database }: TableAccessOptions,
): Promise<void> {
  if (!PLAIN_TABLE_NAME.test(reference))
    denied(`the table ${reference} is not readable with a project API key`);
  const qualified = reference.includes('.') ? reference : `${database}.${reference}`;
  const [tableDatabase] = qualified.split('.');
  const readable =
    projectTables(storage.database).has(qualified) ||
    qualified === `${storage.database}.${MODEL_PRICES_TABLE}` ||
    qualified === `${storage.database}.${VERSIONS_TABLE}` ||
    SHARED_SYSTEM_TABLES.includes(qualified) ||
    SCHEMA_VIEW_DATABASES.has(tableDatabase!);
  if (readable) return;
  // An unqualified name no table has is a WITH name (a CTE), whose own query is checked too.
  if (!reference.includes('.') && !(await tableExists(storage, database, reference))) return;
  denied(`the table ${qualified} is not readable with a project API key`);
}

/** `x IN name` is accepted when `name` is a WITH name, not a table: write `x IN (SELECT … FROM t)`. */
async function assertNotATable(reference: string, { storage, database }: TableAccessOptions): Promise<void> {
  if (
    !reference.includes('.') &&
    PLAIN_TABLE_NAME.test(reference) &&
    !(await tableExists(storage, database, reference))
  ) {
    return;
  }
  denied(`"IN ${reference}" is not accepted with a project API key: write IN (SELECT … FROM ${reference})`);
}

async function tableExists(storage: Storage, database: string, name: string): Promise<boolean> {
  const rows = await storage.queryRows<{ found: number }>(
    'SELECT count() > 0 AS found FROM system.tables WHERE database = {database:String} AND name = {name:String}',
    { database, name },
  );
  return Number(rows[0]?.found ?? 0) === 1;
}

function functionName(node: AstNode): string {
  return firstWord(node.detail);
}

/** `otel_traces (alias t)` → `otel_traces`; `file (children 1)` → `file`. */
function firstWord(detail: string): string {
  return detail.split(' ', 1)[0] ?? '';
}

function denied(message: string): never {
  throw clickHouseRefusal('ACCESS_DENIED', message);
}
