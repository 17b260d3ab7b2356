import { ATTR_RAGTRACE_PROJECT } from '@ragtrace/semconv';
import { sqlStringLiteral } from '../storage/migrations/sql-string-literal.js';
import type { SpanRow } from '../storage/span-row.js';
import type { Storage } from '../storage/storage.js';
import { tableNames } from '../storage/table-names.js';

/**
 * Spans looked up per query. Parameters travel in the URL against a server (about 1 MiB at
 * most) and as SET statements in chDB (256 KiB of query): a thousand ids stay far below both.
 */
const LOOKUP_CHUNK_SPANS = 1000;

/**
 * Removes from a batch the spans storage already holds, and repeats within the batch, so a
 * retried request (a client resending after a lost response, a spool replay after a crash or
 * after a write that stored its rows too late) never makes a span visible twice.
 *
 * Why a lookup rather than ClickHouse's insert deduplication tokens: the batch writer merges
 * many requests into one insert, and a token deduplicates whole inserted blocks, so a resent
 * request merged with different neighbours would never match. A span is identified by its
 * project, TraceId and SpanId — the project, so that one project's spans can never suppress
 * another's that happen to carry the same ids; the lookup also bounds Timestamp, ServiceName and SpanName to the batch's
 * own values — a resent span has the same ones — so it reads only the partitions and primary-key
 * ranges the batch falls in, not the whole table.
 *
 * Exact as long as inserts into the table are serialized through one writer (one collector,
 * one insert in flight per table), which the batch writer guarantees: no insert can land
 * between a lookup and the insert that follows it.
 */
export function createStoredSpanFilter(
  storage: Pick<Storage, 'database' | 'queryRows'>,
  onDuplicates: (count: number) => void,
): (rows: readonly object[]) => Promise<readonly object[]> {
  const traces = tableNames(storage).traces;
  const query = `SELECT ResourceAttributes[${sqlStringLiteral(ATTR_RAGTRACE_PROJECT)}] AS Project, TraceId, SpanId
FROM ${traces}
WHERE Timestamp BETWEEN fromUnixTimestamp64Nano({from:Int64}) AND fromUnixTimestamp64Nano({to:Int64})
  AND ServiceName IN {services:Array(String)} AND SpanName IN {names:Array(String)}
  AND TraceId IN {traceIds:Array(String)} AND SpanId IN {spanIds:Array(String)}`;

  const findStored = async (spans: readonly SpanRow[]): Promise<Set<string>> => {
    const stored = new Set<string>();
    const byTime = [...spans].sort((a, b) => compareNanos(a.Timestamp, b.Timestamp));
    for (let start = 0; start < byTime.length; start += LOOKUP_CHUNK_SPANS) {
      const chunk = byTime.slice(start, start + LOOKUP_CHUNK_SPANS);
      const rows = await storage.queryRows<StoredSpanKey>(query, {
        from: chunk[0]!.Timestamp,
        to: chunk.at(-1)!.Timestamp,
        services: distinct(chunk, (span) => span.ServiceName),
        names: distinct(chunk, (span) => span.SpanName),
        traceIds: distinct(chunk, (span) => span.TraceId),
        spanIds: distinct(chunk, (span) => span.SpanId),
      });
      for (const row of rows) stored.add(keyOf(row));
    }
    return stored;
  };

  return async (rows) => {
    const spans = rows as readonly SpanRow[];
    const firsts = new Map<string, SpanRow>();
    for (const span of spans) {
      const key = keyOf({ Project: span.ResourceAttributes[ATTR_RAGTRACE_PROJECT] ?? '', ...span });
      if (!firsts.has(key)) firsts.set(key, span);
    }
    const stored = await findStored([...firsts.values()]);
    const fresh = [...firsts.entries()].filter(([key]) => !stored.has(key)).map(([, span]) => span);
    if (fresh.length < spans.length) onDuplicates(spans.length - fresh.length);
    return fresh;
  };
}

interface StoredSpanKey {
  Project: string;
  TraceId: string;
  SpanId: string;
}

function keyOf(span: StoredSpanKey): string {
  return `${span.Project}/${span.TraceId}/${span.SpanId}`;
}

function distinct(spans: readonly SpanRow[], value: (span: SpanRow) => string): string[] {
  return [...new Set(spans.map(value))];
}

/** Orders nanosecond timestamps given as decimal strings, beyond what a number holds exactly. */
function compareNanos(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
