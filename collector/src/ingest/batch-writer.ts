import type { Storage } from '../storage/storage.js';
import { BackpressureError, ShuttingDownError } from './ingest-errors.js';

export interface BatchWriterOptions {
  storage: Storage;
  table: string;
  /** Rows that make an insert due at once. */
  maxRows: number;
  /** Longest a row waits before its insert starts. */
  maxDelayMs: number;
  /** Rows that may wait (buffered or in flight) before `write` refuses with BackpressureError. */
  maxQueuedRows: number;
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
    if (this.#bufferedRows >= this.#options.maxRows) {
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
      await this.#options.storage.insertRows(
        this.#options.table,
        batch.flatMap((write) => write.rows),
      );
    } catch (error) {
      failure = { error };
    }
    // Settle the count before the writers hear back, so what they observe is current.
    this.#inFlightRows = 0;
    for (const write of batch) {
      if (failure) write.reject(failure.error);
      else write.resolve();
    }
  }
}
