import type { Readable } from 'node:stream';

/** Which ClickHouse the collector talks to. */
export type StorageKind = 'embedded' | 'server';

export interface RawQueryParams {
  /** SQL exactly as the user sent it; a FORMAT clause in it wins over `defaultFormat`. */
  query: string;
  /** Database unqualified table names resolve against. */
  database: string;
  /** Output format when the query has no FORMAT clause (ClickHouse's HTTP default is TabSeparated). */
  defaultFormat: string;
  /** Run as a reader (readonly=1): no writes, no DDL, no change of settings inside the query. */
  readonly: boolean;
  /** Values for `{name:Type}` placeholders, as ClickHouse's `param_<name>` URL parameters carry them. */
  queryParams?: Record<string, string>;
  /** Per-query ClickHouse settings the caller asked for. */
  settings?: Record<string, string>;
  /** Data for `INSERT … FORMAT …` when the query arrives in the URL and the data in the body. */
  data?: Uint8Array;
  /** The caller's query id (ClickHouse's `query_id`); the engine picks one when absent. */
  queryId?: string;
  /** Aborting it stops the query in the engine (a reader who hung up), not only the wait. */
  signal?: AbortSignal;
}

export interface RawQueryResult {
  /** The engine's output bytes, in the format the query asked for. Read it to the end or
   * destroy it: that is what frees the session the query ran in. */
  stream: Readable;
  queryId: string;
}

/**
 * The narrow surface the collector needs from ClickHouse. Both modes (embedded chDB and a
 * server) are `@clickhouse/client` underneath; tests can substitute a fake.
 */
export interface Storage {
  readonly kind: StorageKind;
  readonly database: string;
  /** DDL and other statements without a result (migrations). */
  command(sql: string): Promise<void>;
  /**
   * Rows of a SELECT as objects; values bound server-side from `params`. `settings` apply to
   * this query only (e.g. the project filters of auth/project-filters.ts). Aborting `signal`
   * stops the query in the engine, not only the wait for it.
   */
  queryRows<T>(
    query: string,
    params?: Record<string, unknown>,
    settings?: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<T[]>;
  /** Inserts rows as JSONEachRow; resolves once ClickHouse has stored them. */
  insertRows(table: string, rows: readonly object[]): Promise<void>;
  /** Passes a query through and streams the engine's raw output (for `/clickhouse`). */
  rawQuery(params: RawQueryParams): Promise<RawQueryResult>;
  /** Resolves when storage answers; rejects with StorageUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
