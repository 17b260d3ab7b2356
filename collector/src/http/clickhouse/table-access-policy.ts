import { projectTables } from '../../auth/project-filters.js';
import { MODEL_PRICES_TABLE } from '../../pricing/index.js';
import { VERSIONS_TABLE } from '../../schema/versions-table.js';
import type { Storage } from '../../storage/storage.js';
import { clickHouseRefusal } from './clickhouse-error-codes.js';

/**
 * Schema and constant tables every project may read (Grafana's query editor lists databases,
 * tables and columns). They hold table names and sizes, not rows of anyone's data.
 */
const SHARED_SYSTEM_TABLES = new Set(
  [
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
  ].map((table) => `system.${table}`),
);

/** Views over system.tables and system.columns. */
export const SCHEMA_VIEW_DATABASES: ReadonlySet<string> = new Set([
  'information_schema',
  'INFORMATION_SCHEMA',
]);

const PLAIN_TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

export interface TableAccessContext {
  storage: Storage;
  /** Database unqualified table names resolve against (the request's `database`). */
  database: string;
}

/**
 * A project key reads the project tables (which the engine filters to its rows), the shared
 * schema tables, the price list and the migration log — nothing else. An unqualified name that
 * no table has is a WITH name (a CTE), whose own query is checked where it is defined.
 */
export async function assertReadableTable(reference: string, context: TableAccessContext): Promise<void> {
  if (!PLAIN_TABLE_NAME.test(reference))
    denied(`the table ${reference} is not readable with a project API key`);
  const { storage, database } = context;
  const qualified = reference.includes('.') ? reference : `${database}.${reference}`;
  const [tableDatabase] = qualified.split('.');
  const readable =
    projectTables(storage.database).has(qualified) ||
    qualified === `${storage.database}.${MODEL_PRICES_TABLE}` ||
    qualified === `${storage.database}.${VERSIONS_TABLE}` ||
    SHARED_SYSTEM_TABLES.has(qualified) ||
    SCHEMA_VIEW_DATABASES.has(tableDatabase!);
  if (readable) return;
  if (!reference.includes('.') && !(await tableExists(storage, database, reference))) return;
  denied(`the table ${qualified} is not readable with a project API key`);
}

/** `x IN name` is accepted when `name` is a WITH name, not a table: write `x IN (SELECT … FROM t)`. */
export async function assertNotATable(
  reference: string,
  { storage, database }: TableAccessContext,
): Promise<void> {
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

function denied(message: string): never {
  throw clickHouseRefusal('ACCESS_DENIED', message);
}
