import type { RawQueryParams, RawQueryResult } from './storage.js';

/**
 * Queries that run with settings of their own, which must end with them: a reader's
 * `readonly`, its project filters and limits must never leak into the collector's own writes,
 * nor one reader's into another's. Each kind of storage isolates them its own way (a chDB
 * session per query, a request per query over HTTP).
 */
export interface IsolatedQueries {
  rawQuery(params: RawQueryParams): Promise<RawQueryResult>;
  /** Rows of a SELECT as objects, with `params` bound server-side, under `settings`. */
  queryRows<T>(
    query: string,
    params: Record<string, unknown> | undefined,
    settings: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<T[]>;
}
