import { RagtraceError } from '../errors/ragtrace-error.js';

/** Storage could not be reached or failed a write; the client should retry later. */
export class StorageUnavailableError extends RagtraceError {
  readonly code = 'STORAGE_UNAVAILABLE';
}

/**
 * ClickHouse refused a query (syntax, unknown table, read-only violation, …). Carries the
 * engine's own numeric code and name so `/clickhouse` can answer the way ClickHouse does.
 */
export class ClickHouseQueryError extends RagtraceError {
  readonly code = 'CLICKHOUSE_QUERY';

  constructor(
    message: string,
    readonly clickhouseCode: number,
    readonly clickhouseType: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
