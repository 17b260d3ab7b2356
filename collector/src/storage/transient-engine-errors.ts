import { ClickHouseQueryError } from './storage-errors.js';

/**
 * ClickHouse refusals that say "not now" rather than "not this data": the same insert can
 * succeed later (an overloaded or read-only-for-now server, a Keeper hiccup, parts merging too
 * slowly). The write path treats them like an unreachable server — spool and retry — instead
 * of refusing the request's data for good.
 */
const TRANSIENT_ENGINE_ERRORS = new Set([
  'TIMEOUT_EXCEEDED',
  'TOO_MANY_SIMULTANEOUS_QUERIES',
  'NO_FREE_CONNECTION',
  'SOCKET_TIMEOUT',
  'NETWORK_ERROR',
  'MEMORY_LIMIT_EXCEEDED',
  'TABLE_IS_READ_ONLY',
  'TOO_MANY_PARTS',
  'TOO_FEW_LIVE_REPLICAS',
  'UNKNOWN_STATUS_OF_INSERT',
  'CANNOT_SCHEDULE_TASK',
  'KEEPER_EXCEPTION',
  'ALL_CONNECTION_TRIES_FAILED',
]);

export function isTransientEngineError(error: unknown): error is ClickHouseQueryError {
  return error instanceof ClickHouseQueryError && TRANSIENT_ENGINE_ERRORS.has(error.clickhouseType);
}
