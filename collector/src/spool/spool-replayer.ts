import { RejectedByStorageError } from '../ingest/ingest-errors.js';
import type { RowWriter } from '../ingest/row-writer.js';
import type { Logger } from '../logging/logger.js';
import { ReplayFailureLog } from './replay-failure-log.js';
import type { Spool } from './spool.js';
import type { SpoolRecord } from './spool-record.js';

export interface SpoolReplayerOptions {
  spool: Spool;
  /** Per table, the writer that inserts into storage directly (never the spool). */
  writers: ReadonlyMap<string, RowWriter>;
  /** Rows handed to the writers at once: they merge them into large inserts, within their queue limit. */
  maxRowsPerStep: number;
  /** Wait before trying again after storage failed a replay. */
  retryDelayMs: number;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Told of each record storage refused for good (acknowledged data it cannot hold). */
  onRejectedRecord?: () => void;
}

/** Least time between two log lines about the same replay failure. */
const FAILURE_LOG_INTERVAL_MS = 30_000;

/**
 * Drains the spool into storage, oldest segment first and each segment in order, and deletes a
 * segment only once every record in it is stored. Runs from start-up, so leftovers from a
 * previous process go first, and keeps running: whenever storage fails it waits and retries
 * the same records. Records already stored before a failure or a crash are written again;
 * the trace writer drops spans storage already holds, so replays never duplicate spans.
 */
export class SpoolReplayer {
  readonly #options: SpoolReplayerOptions;
  #running: Promise<void> | undefined;
  #stopped = false;
  #wake: (() => void) | undefined;
  #outage: unknown;
  readonly #failures: ReplayFailureLog;

  constructor(options: SpoolReplayerOptions) {
    this.#options = options;
    this.#failures = new ReplayFailureLog({
      logger: options.logger,
      repeatIntervalMs: FAILURE_LOG_INTERVAL_MS,
    });
  }

  /**
   * Why the last replay failed, while storage keeps failing it; undefined once a replay
   * succeeds (or before any failed). Requests are being spooled meanwhile.
   */
  get outage(): unknown {
    return this.#outage;
  }

  start(): void {
    this.#running ??= this.#run();
  }

  /** Stops after the step under way; what is not stored stays in the spool for the next start. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#running;
  }

  async #run(): Promise<void> {
    const { spool } = this.#options;
    while (!this.#stopped) {
      const segment = await spool.takeOldest();
      if (segment === undefined) {
        await this.#until(spool.whenNotEmpty());
        continue;
      }
      const records = await spool.readSegment(segment);
      const stored = new Set<number>();
      while (!this.#stopped) {
        const failure = await this.#replay(records, stored);
        if (failure === undefined) break;
        this.#failures.failed(failure);
        this.#outage = failure;
        await this.#until(delay(this.#options.retryDelayMs));
      }
      if (stored.size < records.length) return; // stopped mid-segment: it is replayed at the next start
      this.#failures.recovered();
      this.#outage = undefined;
      await spool.deleteSegment(segment);
    }
  }

  /** Writes the records not yet stored, a step at a time; returns the failure that stopped it. */
  async #replay(records: readonly SpoolRecord[], stored: Set<number>): Promise<unknown> {
    let next = 0;
    while (next < records.length) {
      const step: number[] = [];
      let rows = 0;
      for (; next < records.length; next++) {
        if (stored.has(next)) continue;
        const size = records[next]!.rows.length;
        if (step.length > 0 && rows + size > this.#options.maxRowsPerStep) break;
        step.push(next);
        rows += size;
      }
      const results = await Promise.allSettled(step.map((index) => this.#write(records[index]!)));
      let failure: unknown;
      results.forEach((result, position) => {
        const index = step[position]!;
        if (result.status === 'fulfilled') stored.add(index);
        else if (result.reason instanceof RejectedByStorageError) {
          this.#reject(records[index]!, result.reason);
          stored.add(index);
        } else failure ??= result.reason;
      });
      if (failure !== undefined) return failure;
    }
    return undefined;
  }

  #write(record: SpoolRecord): Promise<void> {
    const writer = this.#options.writers.get(record.table);
    if (writer === undefined) {
      return Promise.reject(new RejectedByStorageError(`no table ${record.table} to replay into`));
    }
    return writer.write(record.rows);
  }

  /** Storage will never take this record; it was acknowledged, so say so loudly. */
  #reject(record: SpoolRecord, error: RejectedByStorageError): void {
    this.#options.onRejectedRecord?.();
    this.#options.logger.error('storage refused a spooled record; its rows are dropped', {
      table: record.table,
      rows: record.rows.length,
      spooledAt: new Date(record.spooledAtMs).toISOString(),
      error: error.message,
    });
  }

  /** Waits for `event`, or less if the replayer is stopped meanwhile. */
  async #until(event: Promise<void>): Promise<void> {
    if (this.#stopped) return;
    await new Promise<void>((resolve) => {
      this.#wake = resolve;
      void event.then(resolve);
    });
    this.#wake = undefined;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
