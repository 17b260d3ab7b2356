import { currentQuerySignal } from './query-signal.js';
import { readQueryLimitSettings, type ReadQueryLimits } from './read-query-limits.js';
import type { Storage } from './storage.js';

/**
 * Storage for the routes that answer readers (`/api`): every query runs under the configured
 * limits (after the route's own settings, so nothing a route adds can raise them) and stops
 * when the reader's request is aborted. Writes are unchanged.
 */
export function readLimitedStorage(storage: Storage, limits: ReadQueryLimits): Storage {
  const limitSettings = readQueryLimitSettings(limits);
  return {
    kind: storage.kind,
    database: storage.database,
    command: (sql) => storage.command(sql),
    queryRows: (query, params, settings, signal) =>
      storage.queryRows(query, params, { ...settings, ...limitSettings }, signal ?? currentQuerySignal()),
    insertRows: (table, rows) => storage.insertRows(table, rows),
    rawQuery: (params) => storage.rawQuery(params),
    ping: () => storage.ping(),
    close: () => storage.close(),
  };
}
