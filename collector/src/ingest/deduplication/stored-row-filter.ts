/**
 * What a stored-row filter needs to know of one table: how a row is identified, and which of
 * some rows' identities storage already holds.
 */
export interface StoredRowIdentity<Row> {
  keyOf(row: Row): string;
  /** The keys (as `keyOf` makes them) of those of `rows`, given in time order, that are stored. */
  findStoredKeys(rows: readonly Row[]): Promise<Set<string>>;
}

/**
 * A batch writer's `dropStored` hook: leaves out of a batch the rows storage already holds and
 * repeats within the batch (the first of each is kept), counting what it drops. The rows are
 * looked up in time order, so that each look-up covers a narrow range of the table.
 */
export function createStoredRowFilter<Row extends { Timestamp: string }>(
  identity: StoredRowIdentity<Row>,
  onDuplicates: (count: number) => void,
): (rows: readonly object[]) => Promise<readonly object[]> {
  return async (rows) => {
    const batch = rows as readonly Row[];
    const firsts = new Map<string, Row>();
    for (const row of batch) {
      const key = identity.keyOf(row);
      if (!firsts.has(key)) firsts.set(key, row);
    }
    const byTime = [...firsts.values()].sort((a, b) => compareNanos(a.Timestamp, b.Timestamp));
    const stored = await identity.findStoredKeys(byTime);
    const fresh = [...firsts.entries()].filter(([key]) => !stored.has(key)).map(([, row]) => row);
    if (fresh.length < batch.length) onDuplicates(batch.length - fresh.length);
    return fresh;
  };
}

/** Orders nanosecond timestamps given as decimal strings, beyond what a number holds exactly. */
function compareNanos(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
