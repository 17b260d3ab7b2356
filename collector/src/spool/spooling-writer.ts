import { BackpressureError } from '../ingest/ingest-errors.js';
import type { RowWriter, WriteOrigin } from '../ingest/row-writer.js';
import { StorageUnavailableError } from '../storage/storage-errors.js';
import { SpoolFullError } from './spool-errors.js';
import type { Spool } from './spool.js';

export interface SpoolingWriterOptions {
  table: string;
  /** Inserts into storage (the batch writer). */
  direct: RowWriter;
  spool: Spool;
  /** Longest a write waits for storage before its rows are spooled and acknowledged instead. */
  spoolAfterMs: number;
  onSpooled?: () => void;
  onSpoolFull?: () => void;
}

/**
 * Decides where a request's rows go so that acknowledging it is always honest: into storage
 * when it takes them in time, otherwise into the spool (synced to disk) for the replayer.
 *
 * Rows are spooled when storage fails them (unavailable, timing out), when the in-memory queue
 * is full, when storage is slower than `spoolAfterMs` — and, to keep their order, whenever
 * the spool is not empty. A slow write that stores its rows after all was spooled too; its
 * replay is then dropped as a duplicate (see stored-span-filter.ts). With the spool full the
 * write fails with SpoolFullError (503 + Retry-After), never acknowledged and dropped.
 */
export class SpoolingWriter implements RowWriter {
  readonly #options: SpoolingWriterOptions;

  constructor(options: SpoolingWriterOptions) {
    this.#options = options;
  }

  async write(rows: readonly object[], origin?: WriteOrigin): Promise<void> {
    if (rows.length === 0) return;
    if (!this.#options.spool.isEmpty) return this.#spool(rows, origin);
    const outcome = await settleWithin(this.#options.direct.write(rows, origin), this.#options.spoolAfterMs);
    if (outcome.kind === 'stored') return;
    if (outcome.kind === 'failed' && !canWaitInSpool(outcome.error)) throw outcome.error;
    return this.#spool(rows, origin);
  }

  /** Spooled records keep the request id, so what is said of them later names the request. */
  async #spool(rows: readonly object[], origin: WriteOrigin | undefined): Promise<void> {
    try {
      await this.#options.spool.append(this.#options.table, rows, origin?.requestId);
    } catch (error) {
      if (error instanceof SpoolFullError) this.#options.onSpoolFull?.();
      throw error;
    }
    this.#options.onSpooled?.();
  }
}

type Outcome = { kind: 'stored' } | { kind: 'failed'; error: unknown } | { kind: 'late' };

async function settleWithin(write: Promise<void>, ms: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'late' }), ms);
  });
  const settled = write.then(
    (): Outcome => ({ kind: 'stored' }),
    (error: unknown): Outcome => ({ kind: 'failed', error }),
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Failures of the moment, which the spool can wait out; anything else is the request's own. */
function canWaitInSpool(error: unknown): boolean {
  return error instanceof StorageUnavailableError || error instanceof BackpressureError;
}
