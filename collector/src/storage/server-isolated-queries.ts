import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { finished, Readable } from 'node:stream';
import type { IsolatedQueries } from './isolated-queries.js';
import type { RawQueryParams, RawQueryResult } from './storage.js';
import { translateClientErrors } from './translate-client-errors.js';

/**
 * Clients per requested database kept at once: `/clickhouse` callers choose the database, so
 * the cache is bounded, the least recently used client closed (once its requests are done).
 */
const MAX_DATABASE_CLIENTS = 8;

/** How long the collector waits for a ClickHouse server's answer. */
export const SERVER_REQUEST_TIMEOUT_MS = 30_000;

interface DatabaseClient {
  client: ClickHouseClient;
  inFlight: number;
  evicted: boolean;
}

export interface ServerIsolatedQueries extends IsolatedQueries {
  close(): Promise<void>;
}

/**
 * Queries with settings against a ClickHouse server. Over HTTP each request is its own
 * context: settings travel as URL parameters of that request and end with it.
 */
export function serverIsolatedQueries(url: URL, main: ClickHouseClient): ServerIsolatedQueries {
  // A Map iterates in insertion order: re-inserting on use keeps the least recent first.
  const clients = new Map<string, DatabaseClient>();
  const closeWhenIdle = async (entry: DatabaseClient): Promise<void> => {
    if (entry.evicted && entry.inFlight === 0) await entry.client.close();
  };
  const acquire = async (database: string): Promise<DatabaseClient> => {
    let entry = clients.get(database);
    if (entry === undefined) {
      entry = {
        client: createClient({ url, database, request_timeout: SERVER_REQUEST_TIMEOUT_MS }),
        inFlight: 0,
        evicted: false,
      };
      if (clients.size >= MAX_DATABASE_CLIENTS) {
        const [oldestName, oldest] = clients.entries().next().value as [string, DatabaseClient];
        clients.delete(oldestName);
        oldest.evicted = true;
        await closeWhenIdle(oldest);
      }
    }
    clients.delete(database);
    clients.set(database, entry);
    entry.inFlight += 1;
    return entry;
  };
  const release = async (entry: DatabaseClient): Promise<void> => {
    entry.inFlight -= 1;
    await closeWhenIdle(entry);
  };

  return {
    async rawQuery(params: RawQueryParams): Promise<RawQueryResult> {
      const entry = await acquire(params.database);
      try {
        const result = await translateClientErrors(() =>
          entry.client.exec({
            query: params.query,
            query_id: params.queryId,
            clickhouse_settings: rawQuerySettings(params),
            abort_signal: params.signal,
            ...(params.data ? { values: Readable.from([params.data]) } : {}),
          }),
        );
        finished(result.stream, () => void release(entry));
        return { stream: result.stream, queryId: result.query_id };
      } catch (error) {
        await release(entry);
        throw error;
      }
    },

    queryRows: <T>(
      query: string,
      params: Record<string, unknown> | undefined,
      settings: Record<string, string>,
      signal?: AbortSignal,
    ): Promise<T[]> =>
      translateClientErrors(async () => {
        const result = await main.query({
          query,
          query_params: params,
          format: 'JSONEachRow',
          clickhouse_settings: { ...settings, ...CANCEL_ON_HANG_UP },
          abort_signal: signal,
        });
        return result.json<T>();
      }),

    async close(): Promise<void> {
      for (const entry of clients.values()) await entry.client.close();
    },
  };
}

/**
 * A server goes on running a query whose HTTP request was aborted unless told otherwise; with
 * this, aborting the request (the reader hung up) stops the query.
 */
const CANCEL_ON_HANG_UP: Readonly<Record<string, string>> = {
  cancel_http_readonly_queries_on_client_close: '1',
};

function rawQuerySettings(params: RawQueryParams): Record<string, string> {
  const settings: Record<string, string> = { ...params.settings, ...CANCEL_ON_HANG_UP };
  // Parameter values come in the HTTP interface's text form; as `param_<name>` URL parameters
  // the server takes them verbatim, where query_params would escape them a second time.
  for (const [name, value] of Object.entries(params.queryParams ?? {})) settings[`param_${name}`] = value;
  // Last, so no setting of the caller's replaces it.
  if (params.readonly) settings['readonly'] = '1';
  settings['default_format'] = params.defaultFormat;
  return settings;
}
