import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The abort signal of the request a query runs for. The `/api` routes reach storage through
 * domain code (runs, traces, prices) that has no reason to know about requests; the signal
 * travels beside that code instead of through every signature, so a reader who hangs up stops
 * its queries (read-limited-storage.ts picks it up).
 */
const requestSignal = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` with `signal` as the signal of every query it makes. */
export function withQuerySignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return requestSignal.run(signal, work);
}

/** The signal of the request being served, if a query runs for one. */
export function currentQuerySignal(): AbortSignal | undefined {
  return requestSignal.getStore();
}
