import { ClickHouseError, type ClickHouseClient } from '@clickhouse/client';
import { finished, Readable } from 'node:stream';
import { ClickHouseQueryError, StorageUnavailableError } from './storage-errors.js';
import type { RawQueryParams, RawQueryResult, Storage, StorageKind } from './storage.js';

/** The client one raw query runs on, and how to hand it back once its output has been read. */
export interface RawQueryClient {
  client: ClickHouseClient;
  /** Never rejects: nobody is left to tell once the query's output is gone. */
  release(): Promise<void>;
}

export interface ClickHouseStorageOptions {
  kind: StorageKind;
  database: string;
  client: ClickHouseClient;
  /**
   * A client for one raw query with `database` as its current database. A raw query's settings
   * (readonly above all) must end with it, as they do per request over HTTP; a chDB session
   * keeps whatever a query SETs, so embedded storage opens a session per raw query.
   */
  rawQueryClient: (database: string) => Promise<RawQueryClient>;
}

/** {@link Storage} over `@clickhouse/client`, whichever connection (chDB or HTTP) it was given. */
export class ClickHouseStorage implements Storage {
  readonly kind: StorageKind;
  readonly database: string;
  readonly #client: ClickHouseClient;
  readonly #rawQueryClient: (database: string) => Promise<RawQueryClient>;
  readonly #onClose: Array<() => Promise<void>> = [];

  constructor(options: ClickHouseStorageOptions) {
    this.kind = options.kind;
    this.database = options.database;
    this.#client = options.client;
    this.#rawQueryClient = options.rawQueryClient;
  }

  /** Registers cleanup to run after the main client closes (e.g. per-database clients). */
  onClose(cleanup: () => Promise<void>): void {
    this.#onClose.push(cleanup);
  }

  async command(sql: string): Promise<void> {
    await translateErrors(() => this.#client.command({ query: sql }));
  }

  async queryRows<T>(
    query: string,
    params?: Record<string, unknown>,
    settings?: Record<string, string>,
  ): Promise<T[]> {
    if (settings === undefined) {
      return translateErrors(async () => {
        const result = await this.#client.query({ query, query_params: params, format: 'JSONEachRow' });
        return result.json<T>();
      });
    }
    // Settings go to a client of their own, as a raw query's do: chDB applies them as SETs
    // that the shared session would otherwise keep for every later query and insert.
    const { client, release } = await translateErrors(() => this.#rawQueryClient(this.database));
    try {
      return await translateErrors(async () => {
        const result = await client.query({
          query,
          query_params: params,
          format: 'JSONEachRow',
          clickhouse_settings: Object.fromEntries(
            Object.entries(settings).map(([name, value]) => [name, this.#settingValue(value)]),
          ),
        });
        return result.json<T>();
      });
    } finally {
      await release();
    }
  }

  async insertRows(table: string, rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    await translateErrors(() =>
      this.#client.insert({
        table: `${this.database}.${table}`,
        values: rows as object[],
        format: 'JSONEachRow',
      }),
    );
  }

  async rawQuery(params: RawQueryParams): Promise<RawQueryResult> {
    const { client, release } = await translateErrors(() => this.#rawQueryClient(params.database));
    try {
      const result = await translateErrors(() =>
        client.exec({
          query: params.query,
          query_id: params.queryId,
          clickhouse_settings: this.#rawQuerySettings(params),
          abort_signal: params.signal,
          ...(params.data ? { values: Readable.from([params.data]) } : {}),
        }),
      );
      finished(result.stream, () => void release());
      return { stream: result.stream, queryId: result.query_id };
    } catch (error) {
      await release();
      throw error;
    }
  }

  /** A setting's value as the connection must carry it to reach the engine unchanged. */
  #settingValue(value: string): string {
    return this.kind === 'embedded' ? escapeBackslashes(value) : value;
  }

  #rawQuerySettings(params: RawQueryParams): Record<string, string> {
    // readonly comes first and cannot be overridden: chDB applies settings as SET statements
    // in order, so nothing a caller adds runs before it.
    const entries: Array<[string, string]> = params.readonly ? [['readonly', '2']] : [];
    for (const [name, value] of Object.entries(params.settings ?? {})) {
      if (!(params.readonly && name === 'readonly')) entries.push([name, value]);
    }
    // Parameter values come in the HTTP interface's text form. As `param_<name>` settings
    // both chDB (SET param_…) and a server (URL parameters) take them verbatim; query_params
    // would escape them a second time.
    for (const [name, value] of Object.entries(params.queryParams ?? {})) {
      entries.push([`param_${name}`, value]);
    }
    const settings = Object.fromEntries(entries.map(([name, value]) => [name, this.#settingValue(value)]));
    settings['default_format'] = params.defaultFormat;
    return settings;
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

/**
 * ClickHouse's own refusals become ClickHouseQueryError (the caller's fault, with the engine's
 * code); anything else — connection refused, timeouts, a crashed engine — is StorageUnavailable.
 */
async function translateErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof ClickHouseQueryError) throw error;
    if (isEngineError(error)) {
      const exact = parseEngineText(error.cause);
      throw new ClickHouseQueryError(
        exact?.message ?? error.message,
        Number(error.code),
        exact?.type ?? error.type ?? 'UNKNOWN',
        { cause: error },
      );
    }
    throw new StorageUnavailableError(`ClickHouse is unavailable: ${unavailableReason(error)}`, {
      cause: error,
    });
  }
}

/**
 * Why a request got no answer from the engine. @clickhouse/client reports an HTTP error answer
 * with an empty body (a proxy's 414, a 431 for an overlong URL) as an Error with no message; say
 * that much rather than nothing.
 */
function unavailableReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message || `${error.name} without a message (an HTTP error answer with an empty body?)`;
}

// `Code: 62. DB::Exception: <message>. (SYNTAX_ERROR) (version 26.7.2.1)`: the name is the
// last parenthesised word of the text, which is how ClickHouse always ends an exception.
const ENGINE_TEXT =
  /^Code: \d+\. DB::Exception: ([\s\S]*?)\.? \(([A-Z][A-Z0-9_]+)\)(?: \(version [^)]*\))?\s*$/;

/**
 * The engine's exception read from its full text. @clickhouse/client stops the message at the
 * first parenthesised capitals, so a syntax error quoting `(SELECT)` from the query would be
 * typed SELECT (and answered 500 instead of 400); chDB's connection keeps the full text as the
 * error's cause, so the real name can be read from its end.
 */
function parseEngineText(cause: unknown): { message: string; type: string } | undefined {
  if (!(cause instanceof Error)) return undefined;
  const match = ENGINE_TEXT.exec(cause.message);
  return match === null ? undefined : { message: match[1]!, type: match[2]! };
}

/**
 * chDB's connection throws @clickhouse/client-common's ClickHouseError, a different class from
 * the copy @clickhouse/client bundles, so the engine's errors are also recognised by shape.
 */
function isEngineError(error: unknown): error is ClickHouseError {
  if (error instanceof ClickHouseError) return true;
  const { code, type } = (error ?? {}) as { code?: unknown; type?: unknown };
  return error instanceof Error && typeof code === 'string' && /^\d+$/.test(code) && typeof type === 'string';
}

/**
 * chDB's connection writes each setting as `SET name = '<value>'`, doubling quotes but not
 * backslashes; without this a value ending in a backslash would close the literal early and
 * let the rest of the value run as SQL.
 */
function escapeBackslashes(value: string): string {
  return value.replaceAll('\\', '\\\\');
}
