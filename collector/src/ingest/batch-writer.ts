import { describeError } from '../errors/describe-error.js';
import { ClickHouseQueryError, StorageUnavailableError } from '../storage/storage-errors.js';
import type { Storage } from '../storage/storage.js';
import { isTransientEngineError } from '../storage/transient-engine-errors.js';
import { BackpressureError, RejectedByStorageError, ShuttingDownError } from './ingest-errors.js';

export interface BatchWriterOptions {
  storage: Storage;
  table: string;
  /** Rows that make an insert due at once. */
  maxRows: number;
  /** Longest a row waits before its insert starts. */
  maxDelayMs: number;
  /** Rows that may wait (buffered or in flight) before `write` refuses with BackpressureError. */
  maxQueuedRows: number;
  /** Told how long each insert took, in seconds, whether it succeeded or not. */
  observeInsertSeconds?: (seconds: number) => void;
  /**
   * Leaves out rows storage already holds, just before each insert: retried requests and
   * spool replays then store nothing twice. Runs inside the one-insert-at-a-time sequence, so
   * no other insert of this writer can land between its look-up and the insert.
   */
  dropStored?: (rows: readonly object[]) => Promise<readonly object[]>;
}

interface PendingWrite {
  rows: readonly object[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Turns many small writes into few large inserts: ClickHouse wants thousands of rows per
 * insert and about one insert per second per table, while OTLP clients send small requests.
 * `write` resolves only once its rows are stored, so the caller can acknowledge honestly.
 * One insert runs at a time; writes arriving meanwhile form the next batch.
 */
export class BatchWriter {
  readonly #options: BatchWriterOptions;
  #buffer: PendingWrite[] = [];
  #bufferedRows = 0;
  #inFlightRows = 0;
  #inFlight: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #draining = false;

  constructor(options: BatchWriterOptions) {
    this.#options = options;
  }

  /** Rows accepted but not yet stored. */
  get queuedRows(): number {
    return this.#bufferedRows + this.#inFlightRows;
  }

  write(rows: readonly object[]): Promise<void> {
    if (this.#closed) return Promise.reject(new ShuttingDownError('the collector is shutting down'));
    if (rows.length === 0) return Promise.resolve();
    if (this.queuedRows + rows.length > this.#options.maxQueuedRows) {
      return Promise.reject(
        new BackpressureError(
          `${this.queuedRows} rows are waiting for storage (limit ${this.#options.maxQueuedRows}); retry later`,
          Math.max(1, Math.ceil(this.#options.maxDelayMs / 1000)),
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      this.#buffer.push({ rows, resolve, reject });
      this.#bufferedRows += rows.length;
      this.#schedule();
    });
  }

  /**
   * From now on, inserts start as soon as rows arrive instead of waiting for the batch delay:
   * during shutdown, the requests still in flight should get their answer quickly.
   */
  drain(): void {
    this.#draining = true;
    this.#flush();
  }

  /** Stops accepting writes and resolves once everything accepted so far is stored (or failed). */
  async close(): Promise<void> {
    this.#closed = true;
    while (this.#buffer.length > 0 || this.#inFlight) {
      if (this.#inFlight) await this.#inFlight;
      else this.#flush();
    }
  }

  #schedule(): void {
    if (this.#inFlight) return; // the running insert reschedules when it finishes
    if (this.#draining || this.#bufferedRows >= this.#options.maxRows) {
      this.#flush();
    } else if (!this.#timer) {
      this.#timer = setTimeout(() => this.#flush(), this.#options.maxDelayMs);
    }
  }

  #flush(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#inFlight || this.#buffer.length === 0) return;
    const batch = this.#buffer;
    const rowCount = this.#bufferedRows;
    this.#buffer = [];
    this.#bufferedRows = 0;
    this.#inFlightRows = rowCount;
    this.#inFlight = this.#insert(batch).finally(() => {
      this.#inFlight = undefined;
      if (this.#buffer.length > 0) this.#schedule();
    });
  }

  async #insert(batch: PendingWrite[]): Promise<void> {
    let failure: { error: unknown } | undefined;
    try {
      await this.#insertRows(batch.flatMap((write) => write.rows));
    } catch (error) {
      failure = { error };
    }
    if (failure !== undefined && !isOutage(failure.error) && batch.length > 1) {
      // Storage is up, so something in the rows failed the insert or its look-up: ClickHouse
      // refused a value, a value could not be sent, a look-up broke on it. One write's rows
      // would poison the whole batch; retry each write alone so the others are stored and only
      // the culprit fails.
      await this.#insertEachAlone(batch);
      return;
    }
    // Settle the count before the writers hear back, so what they observe is current.
    this.#inFlightRows = 0;
    for (const write of batch) {
      if (failure) write.reject(asWriteError(failure.error));
      else write.resolve();
    }
  }

  async #insertEachAlone(batch: PendingWrite[]): Promise<void> {
    for (const write of batch) {
      try {
        await this.#insertRows(write.rows);
        this.#inFlightRows -= write.rows.length;
        write.resolve();
      } catch (error) {
        this.#inFlightRows -= write.rows.length;
        write.reject(asWriteError(error));
      }
    }
  }

  async #insertRows(rows: readonly object[]): Promise<void> {
    const fresh = this.#options.dropStored ? await this.#options.dropStored(rows) : rows;
    if (fresh.length === 0) return;
    const started = performance.now();
    try {
      await this.#options.storage.insertRows(this.#options.table, fresh);
    } finally {
      this.#options.observeInsertSeconds?.((performance.now() - started) / 1000);
    }
  }
}

/**
 * Storage cannot take writes for now (unreachable, timing out, or refusing them "not now"): the
 * same rows can be stored later, so no write is to blame.
 */
function isOutage(error: unknown): boolean {
  return error instanceof StorageUnavailableError || isTransientEngineError(error);
}

/**
 * What a write's caller hears: an outage as StorageUnavailableError (retry, or spool); anything
 * else — ClickHouse refusing the data, a value the client cannot send, a look-up failing on
 * these rows — as RejectedByStorageError, since resending the same rows fails the same way.
 */
function asWriteError(error: unknown): unknown {
  if (error instanceof StorageUnavailableError) return error;
  if (isTransientEngineError(error)) {
    return new StorageUnavailableError(`storage cannot take the data now: ${error.message}`, {
      cause: error,
    });
  }
  if (error instanceof ClickHouseQueryError) {
    return new RejectedByStorageError(`storage refused the data: ${error.message}`, { cause: error });
  }
  return new RejectedByStorageError(`the data could not be stored: ${describeError(error)}`, {
    cause: error,
  });
}
