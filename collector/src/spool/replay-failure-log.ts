import { describeError } from '../errors/describe-error.js';
import type { Logger } from '../logging/logger.js';

export interface ReplayFailureLogOptions {
  logger: Pick<Logger, 'info' | 'warn'>;
  /** Least time between two lines about the same failure. */
  repeatIntervalMs: number;
  now?: () => number;
}

interface Reported {
  atMs: number;
  /** Times it recurred since its last line. */
  unreported: number;
}

/**
 * What the replayer says while storage fails its replays: a line for each distinct failure as
 * soon as it appears — an outage rarely fails one way from start to end, and the failure that
 * keeps the spool from draining may not be the first — and, while one persists, a line per
 * interval with how often it recurred, rather than one per retry.
 */
export class ReplayFailureLog {
  readonly #options: Required<ReplayFailureLogOptions>;
  readonly #reported = new Map<string, Reported>();
  #failures = 0;
  #sinceMs: number | undefined;

  constructor(options: ReplayFailureLogOptions) {
    this.#options = { now: Date.now, ...options };
  }

  failed(error: unknown): void {
    const now = this.#options.now();
    const { repeatIntervalMs } = this.#options;
    this.#failures++;
    this.#sinceMs ??= now;
    const text = describeError(error);
    const reported = this.#reported.get(text);
    if (reported !== undefined && now - reported.atMs < repeatIntervalMs) {
      reported.unreported++;
      return;
    }
    // Remember only what was reported within the interval: at most one interval's log lines.
    for (const [each, { atMs }] of this.#reported) {
      if (now - atMs >= repeatIntervalMs) this.#reported.delete(each);
    }
    this.#options.logger.warn('storage failed a spool replay; retrying', {
      error: text,
      ...(reported ? { repeatedSinceLastReport: reported.unreported } : {}),
      failingForSeconds: Math.round((now - this.#sinceMs) / 1000),
    });
    this.#reported.set(text, { atMs: now, unreported: 0 });
  }

  /** A replay succeeded: says so once if any had failed, and starts afresh. */
  recovered(): void {
    if (this.#sinceMs === undefined) return;
    this.#options.logger.info('storage is back; spool replay resumed', {
      failedReplays: this.#failures,
      outageSeconds: Math.round((this.#options.now() - this.#sinceMs) / 1000),
    });
    this.#reported.clear();
    this.#failures = 0;
    this.#sinceMs = undefined;
  }
}
