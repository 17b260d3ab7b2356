import type { ClickHouseClient } from '@clickhouse/client';
import type { IsolatedQueries } from './isolated-queries.js';
import { StorageUnavailableError } from './storage-errors.js';
import type { RawQueryParams, RawQueryResult, Storage, StorageKind } from './storage.js';
import { translateClientErrors } from './translate-client-errors.js';

export interface ClickHouseStorageOptions {
  kind: StorageKind;
  database: string;
  /** The collector's own client: migrations, inserts and its queries without settings. */
  client: ClickHouseClient;
  /** Raw queries and queries with settings, which must not outlive their query. */
  isolated: IsolatedQueries;
}

/** {@link Storage} over `@clickhouse/client`, whichever connection (chDB or HTTP) it was given. */
export class ClickHouseStorage implements Storage {
  readonly kind: StorageKind;
  readonly database: string;
  readonly #client: ClickHouseClient;
  readonly #isolated: IsolatedQueries;
  readonly #onClose: Array<() => Promise<void>> = [];

  constructor(options: ClickHouseStorageOptions) {
    this.kind = options.kind;
    this.database = options.database;
    this.#client = options.client;
    this.#isolated = options.isolated;
  }

  /** Registers cleanup to run after the main client closes (e.g. per-database clients). */
  onClose(cleanup: () => Promise<void>): void {
    this.#onClose.push(cleanup);
  }

  async command(sql: string): Promise<void> {
    await translateClientErrors(() => this.#client.command({ query: sql }));
  }

  async queryRows<T>(
    query: string,
    params?: Record<string, unknown>,
    settings?: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<T[]> {
    if (settings !== undefined) return this.#isolated.queryRows<T>(query, params, settings, signal);
    return translateClientErrors(async () => {
      const result = await this.#client.query({
        query,
        query_params: params,
        format: 'JSONEachRow',
        abort_signal: signal,
      });
      return result.json<T>();
    });
  }

  async insertRows(table: string, rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    await translateClientErrors(() =>
      this.#client.insert({
        table: `${this.database}.${table}`,
        values: rows as object[],
        format: 'JSONEachRow',
      }),
    );
  }

  rawQuery(params: RawQueryParams): Promise<RawQueryResult> {
    return this.#isolated.rawQuery(params);
  }

  async ping(): Promise<void> {
    const result = await this.#client.ping();
    if (!result.success) {
      throw new StorageUnavailableError(`ClickHouse did not answer a ping: ${String(result.error)}`, {
        cause: result.error,
      });
    }
  }

  async close(): Promise<void> {
    await this.#client.close();
    for (const cleanup of this.#onClose) await cleanup();
  }
}
