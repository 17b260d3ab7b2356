import { projectTableFilters, TABLE_FILTERS_SETTING } from '../../auth/project-filters.js';
import { readQueryLimitSettings, type ReadQueryLimits } from '../../storage/read-query-limits.js';
import type { Storage } from '../../storage/storage.js';
import { acceptedFormat } from './accepted-formats.js';
import { acceptedSettings } from './accepted-settings.js';
import { canonicalQuery } from './canonical-query.js';
import { clickHouseRefusal } from './clickhouse-error-codes.js';
import { explainAst } from './explain-ast.js';
import type { FunctionCatalog } from './function-catalog.js';
import type { ClickHouseHttpRequest } from './parse-request.js';
import { readStatement } from './statement-policy.js';
import { enforceSyntaxTree } from './syntax-tree-policy.js';
import { SCHEMA_VIEW_DATABASES } from './table-access-policy.js';

/** A read ready to run: what the engine parsed and was checked, exactly as it will run. */
export interface CheckedRead {
  /** The engine's own formatting of the caller's statement. */
  sql: string;
  database: string;
  /** The statement's FORMAT clause, else the request's default format; checked either way. */
  format: string;
  queryParams: Record<string, string>;
  /** Accepted settings, the configured limits and (for a project key) the project filters. */
  settings: Record<string, string>;
}

export interface ReadCheckOptions {
  storage: Storage;
  functions: () => Promise<FunctionCatalog>;
  /** The caller's project when reads are limited to it; undefined while auth is off. */
  project: string | undefined;
  limits: ReadQueryLimits | undefined;
}

/** ClickHouse's format when neither a FORMAT clause nor `default_format` names one. */
const DEFAULT_FORMAT = 'TabSeparated';

const PLAIN_DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Makes a read-only request safe to run, every step resting on the engine's own parser and on
 * allow lists: settings and formats are allow-listed first, before the engine sees anything;
 * the text becomes the engine's own formatting of its one statement (canonical-query.ts); the
 * syntax tree of that text, taken under the very settings and parameters it will run with, is
 * checked statement, node, function and table (statement-policy.ts, syntax-tree-policy.ts).
 * What runs is that text, never the caller's, with readonly=1 — so the engine itself refuses
 * any change of settings inside the query.
 */
export async function checkRead(
  request: ClickHouseHttpRequest,
  options: ReadCheckOptions,
): Promise<CheckedRead> {
  const { storage, project } = options;
  const scoped = project !== undefined;
  if (
    request.text.includes('\0') ||
    Object.values(request.queryParams).some((value) => value.includes('\0'))
  ) {
    // The engine reads C strings: a NUL would end the text early, and with it what was checked.
    throw clickHouseRefusal('SYNTAX_ERROR', 'Unrecognized token: the query contains a NUL character');
  }
  const database = readDatabase(request.database ?? storage.database, storage.database, scoped);
  const settings = {
    ...(options.limits && readQueryLimitSettings(options.limits)),
    ...acceptedSettings(request.settings, options.limits),
    ...(scoped ? { [TABLE_FILTERS_SETTING]: projectTableFilters(storage.database, project) } : {}),
  };
  const defaultFormat = acceptedFormat(request.defaultFormat ?? DEFAULT_FORMAT);
  const sql = await canonicalQuery(storage, request.text);
  const statement = await explainAst(storage, sql, { database, queryParams: request.queryParams, settings });
  const { format } = readStatement(statement, sql, scoped);
  await enforceSyntaxTree(statement, { storage, database, scoped, functions: await options.functions() });
  return {
    sql,
    database,
    format: format === undefined ? defaultFormat : acceptedFormat(format),
    queryParams: request.queryParams,
    settings,
  };
}

/** A project key reads its collector's database and the schema ones; with auth off, any database. */
function readDatabase(requested: string, own: string, scoped: boolean): string {
  if (!PLAIN_DATABASE_NAME.test(requested)) {
    throw clickHouseRefusal('BAD_ARGUMENTS', `Invalid database name ${JSON.stringify(requested)}`);
  }
  if (scoped && requested !== own && requested !== 'system' && !SCHEMA_VIEW_DATABASES.has(requested)) {
    throw clickHouseRefusal(
      'ACCESS_DENIED',
      `with a project API key, the database is ${own} (or system, information_schema), not ${requested}`,
    );
  }
  return requested;
}
