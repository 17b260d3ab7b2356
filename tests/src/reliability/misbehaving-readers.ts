/** How one kind of misbehaving reader behaves, over and over until stopped. */
export type ReaderKind = 'slow' | 'huge-result' | 'hang-up' | 'api';

/** A read that would run until stopped: it holds a slot until the execution limit ends it. */
const ENDLESS_READ = 'SELECT count() FROM numbers(1000000000000) WHERE sipHash64(number) = 1';
/** Gigabyte results, one counted in result bytes, one made of a constant (counted in memory). */
const HUGE_READS = [
  'SELECT repeat(toString(number % 10), 1000) FROM numbers(1000000)',
  "SELECT repeat('x', 1000) FROM numbers(1000000)",
];
/** How long a hang-up reader waits before it goes away. */
const HANG_UP_AFTER_MS = 300;
/** How long the hang-up readers have the slots to themselves at the start. */
const HEAD_START_MS = 100;
/** Pause between a refused read and the next try: a client that hardly backs off. */
const RETRY_MS = 50;

export interface ReaderFigures {
  /** Reads per answer: HTTP status, or `hung-up` for reads the reader abandoned. */
  statuses: Record<string, number>;
}

export interface MisbehavingReaders {
  /** Stops every reader (aborting what is in flight) and gives what they saw. */
  stop(): Promise<ReaderFigures>;
}

/**
 * Readers that do what the tester did to the collector: queries that never end, results
 * of a gigabyte, clients that hang up mid-query, JSON API reads in a loop, `count` of each
 * kind at once, each starting again as soon as its last read ended.
 */
export function startMisbehavingReaders(
  url: string,
  counts: Readonly<Record<ReaderKind, number>>,
): MisbehavingReaders {
  const stopping = new AbortController();
  const statuses: Record<string, number> = {};
  const count = (key: string) => (statuses[key] = (statuses[key] ?? 0) + 1);

  const once = async (kind: ReaderKind, turn: number): Promise<void> => {
    const reader = new AbortController();
    const signal = AbortSignal.any([stopping.signal, reader.signal]);
    const request =
      kind === 'api'
        ? fetch(`${url}/api/runs`, { signal })
        : fetch(`${url}/clickhouse/`, {
            method: 'POST',
            body: kind === 'huge-result' ? HUGE_READS[turn % HUGE_READS.length] : ENDLESS_READ,
            signal,
          });
    const hangUp = kind === 'hang-up' ? setTimeout(() => reader.abort(), HANG_UP_AFTER_MS) : undefined;
    try {
      const response = await request;
      await response.arrayBuffer();
      count(String(response.status));
      if (response.status === 429) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    } catch {
      if (!stopping.signal.aborted) count('hung-up');
    } finally {
      clearTimeout(hangUp);
    }
  };
  const loop = async (kind: ReaderKind): Promise<void> => {
    // Endless readers hold every slot nearly all the time once they have them: hang-up readers
    // start first, so that they do get slots, and hang up on queries that are really running.
    if (kind !== 'hang-up') await new Promise((resolve) => setTimeout(resolve, HEAD_START_MS));
    for (let turn = 0; !stopping.signal.aborted; turn++) await once(kind, turn);
  };
  const loops = (Object.entries(counts) as Array<[ReaderKind, number]>).flatMap(([kind, n]) =>
    Array.from({ length: n }, () => loop(kind)),
  );
  return {
    async stop() {
      stopping.abort();
      await Promise.all(loops);
      return { statuses };
    },
  };
}
