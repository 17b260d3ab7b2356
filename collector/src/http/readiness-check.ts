import { StorageUnavailableError } from '../storage/storage-errors.js';
import type { Storage } from '../storage/storage.js';

export type Readiness = { ready: true } | { ready: false; error: unknown };

export interface ReadinessOptions {
  /** Longest a ping may take before storage counts as down: probes have short timeouts too. */
  timeoutMs: number;
  /** How long one answer is reused, so frequent probes do not each ping ClickHouse. */
  cacheMs: number;
  now?: () => number;
  /**
   * Why storage is known to fail writes even when it answers pings (the spool replayer's last
   * attempt failed while requests are being spooled); undefined when it is not.
   */
  writeOutage?: () => unknown;
}

/**
 * Whether storage answers a ping, checked at most once per `cacheMs`, and is not known to fail
 * writes. Probes arriving while a ping is running share it instead of starting another.
 */
export function createReadinessCheck(
  storage: Pick<Storage, 'ping'>,
  { timeoutMs, cacheMs, now = performance.now.bind(performance), writeOutage }: ReadinessOptions,
): () => Promise<Readiness> {
  let cached: { at: number; answer: Promise<Readiness> } | undefined;
  return async () => {
    const at = now();
    if (cached === undefined || at - cached.at >= cacheMs) {
      cached = { at, answer: pingWithin(storage, timeoutMs) };
    }
    const answer = await cached.answer;
    const outage = writeOutage?.();
    // Acknowledged requests are piling up in the spool: a load balancer should send new ones
    // to a collector whose storage takes them.
    return answer.ready && outage !== undefined ? { ready: false, error: outage } : answer;
  };
}

async function pingWithin(storage: Pick<Storage, 'ping'>, timeoutMs: number): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new StorageUnavailableError(`storage did not answer a ping within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([storage.ping(), timedOut]);
    return { ready: true };
  } catch (error) {
    return { ready: false, error };
  } finally {
    clearTimeout(timer);
  }
}
