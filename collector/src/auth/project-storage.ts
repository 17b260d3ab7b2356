import type { RawQueryParams, RawQueryResult, Storage } from '../storage/storage.js';
import type { Caller } from './caller.js';
import { PROJECT_COLUMN } from '../schema/project-column-sql.js';
import { projectTableFilters, TABLE_FILTERS_SETTING } from './project-filters.js';

/** Tables the collector inserts into directly (not through OTLP rows) that have a Project column. */
const PROJECT_COLUMN_TABLES = new Set(['genai_runs']);

/**
 * Storage as one caller may use it, for the `/api` routes: every read sees only the caller's
 * project (while auth is on), and every run record written carries the caller's project. The
 * routes' own SQL stays unaware of projects, so no route can forget the filter.
 */
export function projectStorage(storage: Storage, caller: Caller): Storage {
  const filters = caller.scoped
    ? { [TABLE_FILTERS_SETTING]: projectTableFilters(storage.database, caller.project) }
    : undefined;
  return {
    kind: storage.kind,
    database: storage.database,
    command: (sql) => storage.command(sql),
    queryRows: <T>(query: string, params?: Record<string, unknown>, settings?: Record<string, string>) =>
      storage.queryRows<T>(query, params, filters ? { ...settings, ...filters } : settings),
    insertRows: (table, rows) =>
      storage.insertRows(
        table,
        PROJECT_COLUMN_TABLES.has(table)
          ? rows.map((row) => ({ ...row, [PROJECT_COLUMN]: caller.project }))
          : rows,
      ),
    rawQuery: (params: RawQueryParams): Promise<RawQueryResult> =>
      storage.rawQuery(filters ? { ...params, settings: { ...params.settings, ...filters } } : params),
    ping: () => storage.ping(),
    close: () => storage.close(),
  };
}
