/** What a client does after an attempt that was not acknowledged. */
export type RetryPolicy =
  /** Send each request once. */
  | { kind: 'none' }
  /**
   * What the OTel JS OTLP exporter does: retry 429/502/503/504 and failures to get any answer,
   * after Retry-After or else an exponential backoff with jitter, until attempts or the
   * deadline run out.
   */
  | { kind: 'exporter'; maxAttempts: number; deadlineMs: number };

/** Statuses OTLP/HTTP says a client should retry. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 5000;
const BACKOFF_MULTIPLIER = 1.5;
const JITTER = 0.2;

/** A status, or no answer at all (null), after which an exporter-like client tries again. */
export function isRetryable(status: number | null): boolean {
  return status === null || RETRYABLE_STATUSES.has(status);
}

/** Milliseconds to wait before attempt `attempt + 1`: Retry-After when given, else backoff. */
export function retryDelayMs(attempt: number, retryAfterHeader: string | null): number {
  const retryAfterSeconds = retryAfterHeader === null ? NaN : Number.parseInt(retryAfterHeader, 10);
  if (Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0) return retryAfterSeconds * 1000;
  const backoff = INITIAL_BACKOFF_MS * BACKOFF_MULTIPLIER ** (attempt - 1);
  const jitter = 1 + (Math.random() * 2 - 1) * JITTER;
  return Math.min(backoff * jitter, MAX_BACKOFF_MS);
}
