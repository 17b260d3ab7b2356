import { describeError } from '../errors/describe-error.js';
import { RejectedByStorageError } from '../ingest/ingest-errors.js';
import type { RowWriter } from '../ingest/row-writer.js';
import type { Logger } from '../logging/logger.js';
import { writeDeadLetter, type QuarantineReason } from './dead-letter.js';
import { ReplayFailureLog } from './replay-failure-log.js';
import { SpoolWriteError } from './spool-errors.js';
import type { Spool } from './spool.js';
import type { SpoolRecord } from './spool-record.js';
import { isStorageOutage } from './storage-outage.js';

export interface SpoolReplayerOptions {
  spool: Spool;
  /** Per table, the writer that inserts into storage directly (never the spool). */
  writers: ReadonlyMap<string, RowWriter>;
  /** Rows handed to the writers at once: they merge them into large inserts, within their queue limit. */
  maxRowsPerStep: number;
  /** Wait before trying again after storage failed a replay. */
  retryDelayMs: number;
  /**
   * Failures of its own (not outages) a record may have before it is quarantined: enough for
   * a fault of the moment to pass, few enough that one bad record does not hold up the spool.
   */
  maxAttempts: number;
  /** Where quarantined records are written (dead-letter.ts). */
  deadLetterDir: string;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Told of each record quarantined. */
  onQuarantined?: (table: string, reason: QuarantineReason) => void;
}

/** Least time between two log lines about the same replay failure. */
const FAILURE_LOG_INTERVAL_MS = 30_000;

/** Where the replay of a segment stands. */
interface SegmentReplay {
  records: readonly SpoolRecord[];
  /** Records stored or quarantined. */
  settled: Set<number>;
  /** Per record, its failures that were its own (outages never count). */
  failures: Map<number, number>;
}

/** Why a pass over a segment stopped short: storage (or the spool's disk) is out, or a record failed. */
type Stop = { kind: 'outage' | 'record'; error: unknown };

type Outcome = { stored: true } | { stored: false; error: unknown };

/**
 * Drains the spool into storage, oldest segment first and each segment in order, and deletes a
 * segment only once every record in it is stored or quarantined. Runs from start-up, so
 * leftovers from a previous process go first, and keeps running: whenever storage fails it
 * waits and retries the same records, for as long as the outage lasts. Records already stored
 * before a failure or a crash are written again; the writers drop rows storage already holds,
 * so replays never duplicate them.
 *
 * A record storage cannot take — it refuses the data, or storing it fails `maxAttempts` times
 * for a reason of its own — is quarantined: written to a dead-letter file, counted, logged,
 * and the replay moves on. It was acknowledged, so it is kept, never dropped, and it must not
 * hold back every record after it.
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
      const replay: SegmentReplay = {
        records: await spool.readSegment(segment),
        settled: new Set(),
        failures: new Map(),
      };
      while (!this.#stopped) {
        const stop = await this.#replay(replay);
        if (stop === undefined) break;
        if (stop.kind === 'outage') {
          this.#failures.failed(stop.error);
          this.#outage = stop.error;
        }
        await this.#until(delay(this.#options.retryDelayMs));
      }
      if (replay.settled.size < replay.records.length) return; // stopped mid-segment: replayed at the next start
      this.#failures.recovered();
      this.#outage = undefined;
      await spool.deleteSegment(segment);
    }
  }

  /** Settles the records not yet settled, a step at a time; says why it stopped short, if it did. */
  async #replay(replay: SegmentReplay): Promise<Stop | undefined> {
    const { records, settled } = replay;
    let next = 0;
    while (next < records.length) {
      const step: number[] = [];
      let rows = 0;
      for (; next < records.length; next++) {
        if (settled.has(next)) continue;
        const size = records[next]!.rows.length;
        if (step.length > 0 && rows + size > this.#options.maxRowsPerStep) break;
        step.push(next);
        rows += size;
      }
      const outcomes = await Promise.all(step.map((index) => this.#store(records[index]!)));
      const failed: Array<{ index: number; error: unknown }> = [];
      outcomes.forEach((outcome, position) => {
        if (outcome.stored) settled.add(step[position]!);
        else failed.push({ index: step[position]!, error: outcome.error });
      });
      const outage = failed.find(({ error }) => isStorageOutage(error));
      if (outage !== undefined) return { kind: 'outage', error: outage.error };
      for (const { index, error } of failed) {
        // A failure of a record's own may fail every record merged into the same insert: each is
        // tried alone, so that the records beside the culprit are stored rather than blamed. A
        // refusal already is the culprit's alone (the batch writer isolates those).
        const alone =
          step.length > 1 && !(error instanceof RejectedByStorageError)
            ? await this.#store(records[index]!)
            : { stored: false as const, error };
        const stop = await this.#settle(replay, index, alone);
        if (stop !== undefined) return stop;
      }
    }
    return undefined;
  }

  /** Settles a record after its attempt: stored, quarantined, or to be tried again (the returned stop). */
  async #settle(replay: SegmentReplay, index: number, outcome: Outcome): Promise<Stop | undefined> {
    if (outcome.stored) {
      replay.settled.add(index);
      return undefined;
    }
    const { error } = outcome;
    if (isStorageOutage(error)) return { kind: 'outage', error };
    const attempts = (replay.failures.get(index) ?? 0) + 1;
    replay.failures.set(index, attempts);
    if (error instanceof RejectedByStorageError)
      return this.#quarantine(replay, index, 'rejected', error, attempts);
    if (attempts < this.#options.maxAttempts) return { kind: 'record', error };
    return this.#quarantine(replay, index, 'failed', error, attempts);
  }

  /**
   * Writes the record to a dead-letter file, then counts and logs it, once. Until the file is
   * written the record stays in the spool: a dead letter that cannot be written (the spool's
   * disk full or failing) stops the replay like an outage.
   */
  async #quarantine(
    replay: SegmentReplay,
    index: number,
    reason: QuarantineReason,
    error: unknown,
    attempts: number,
  ): Promise<Stop | undefined> {
    const record = replay.records[index]!;
    const described = describeError(error);
    let deadLetter: string;
    try {
      deadLetter = await writeDeadLetter(this.#options.deadLetterDir, {
        record,
        reason,
        error: described,
        attempts,
        quarantinedAt: new Date(),
      });
    } catch (failure) {
      const writeError = new SpoolWriteError(
        `could not write the dead letter of a spooled record (request ${record.requestId ?? 'unknown'}): ${(failure as Error).message}`,
        { cause: failure },
      );
      return { kind: 'outage', error: writeError };
    }
    replay.settled.add(index);
    this.#options.onQuarantined?.(record.table, reason);
    this.#options.logger.error(
      reason === 'rejected'
        ? 'storage refused a spooled record; it is quarantined to a dead-letter file'
        : 'a spooled record failed to store as often as it may; it is quarantined to a dead-letter file',
      {
        requestId: record.requestId ?? 'unknown',
        table: record.table,
        rows: record.rows.length,
        attempts,
        error: described,
        deadLetter,
        spooledAt: new Date(record.spooledAtMs).toISOString(),
      },
    );
    return undefined;
  }

  /** Writes a record through its table's writer. */
  async #store(record: SpoolRecord): Promise<Outcome> {
    const writer = this.#options.writers.get(record.table);
    if (writer === undefined) {
      return { stored: false, error: new RejectedByStorageError(`no table ${record.table} to replay into`) };
    }
    try {
      await writer.write(record.rows);
      return { stored: true };
    } catch (error) {
      return { stored: false, error };
    }
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
