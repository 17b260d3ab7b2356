import { appendFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** One attempt to deliver one request, as the client saw it. */
export interface LedgerAttempt {
  request: number;
  /** 1 for the first try; a retry of the same request adds one. */
  attempt: number;
  spanIds: string[];
  /** HTTP status, or null when no response arrived (connection refused or reset, timeout). */
  status: number | null;
  /** Why no response arrived, e.g. ECONNREFUSED; absent when one did. */
  error?: string;
  /** The answer's Retry-After header, when it had one. */
  retryAfter?: string;
  /** Spans the collector's 200 refused in `partial_success`. */
  rejectedSpans?: number;
  /** The collector took every span of the request: 200 with nothing rejected. */
  acknowledged: boolean;
  /** The client gives up or is done: no later attempt for this request follows. */
  final: boolean;
  /** The kind of deliberately bad request this is, when it is one. */
  poison?: string;
  atMs: number;
  /** Milliseconds from sending the attempt to its answer (or to giving up on one). */
  latencyMs: number;
}

/**
 * The append-only record of every attempt. A line is appended synchronously as soon as the
 * answer arrives, so the ledger holds everything up to the moment the load process stops.
 */
export class LedgerWriter {
  constructor(private readonly path: string) {}

  append(entry: LedgerAttempt): void {
    appendFileSync(this.path, `${JSON.stringify(entry)}\n`);
  }
}

export async function readLedger(path: string): Promise<LedgerAttempt[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LedgerAttempt);
}

/** Resolves once the ledger holds `count` attempts: the load is under way. */
export async function waitForLedgerEntries(path: string, count: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await readLedger(path)).length < count) {
    if (Date.now() > deadline) throw new Error(`the ledger never reached ${count} attempts`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
