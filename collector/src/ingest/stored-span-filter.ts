import { ATTR_RAGTRACE_PROJECT } from '@ragtrace/semconv';
import { sqlStringLiteral } from '../storage/migrations/sql-string-literal.js';
import type { SpanRow } from '../storage/span-row.js';
import type { Storage } from '../storage/storage.js';
import { tableNames } from '../storage/table-names.js';

/**
 * Spans looked up per query at most: chDB receives the parameters as SET statements (256 KiB
 * of query), and a thousand ids stay far below that.
 */
const LOOKUP_CHUNK_SPANS = 1000;

/**
 * URL-encoded bytes of parameters one look-up may carry. Against a server the parameters travel
 * in the URL: ClickHouse itself takes 1 MiB, but what sits in front of it often far less (nginx
 * 8 KiB per request line by default, a Node.js server 16 KiB of headers), and a refused look-up
 * fails its insert the same way on every retry — the spool would never drain. About ninety
 * spans per look-up.
 */
const LOOKUP_PARAM_BYTES = 6 * 1024;

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
    for (const chunk of lookupChunks(byTime)) {
      const rows = await storage.queryRows<StoredSpanKey>(query, {
        from: chunk.spans[0]!.Timestamp,
        to: chunk.spans.at(-1)!.Timestamp,
        services: [...chunk.services],
        names: [...chunk.names],
        traceIds: [...chunk.traceIds],
        spanIds: [...chunk.spanIds],
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

interface LookupChunk {
  spans: SpanRow[];
  services: Set<string>;
  names: Set<string>;
  traceIds: Set<string>;
  spanIds: Set<string>;
  paramBytes: number;
}

/**
 * Splits spans (in time order) into look-ups of at most LOOKUP_CHUNK_SPANS spans whose distinct
 * values take at most LOOKUP_PARAM_BYTES in the URL; a span whose values alone exceed the budget
 * still gets a look-up of its own.
 */
function* lookupChunks(spans: readonly SpanRow[]): Generator<LookupChunk> {
  let chunk = newChunk();
  for (const span of spans) {
    let added = addedBytes(chunk, span);
    const full = chunk.spans.length >= LOOKUP_CHUNK_SPANS || chunk.paramBytes + added > LOOKUP_PARAM_BYTES;
    if (chunk.spans.length > 0 && full) {
      yield chunk;
      chunk = newChunk();
      added = addedBytes(chunk, span);
    }
    chunk.paramBytes += added;
    chunk.spans.push(span);
    chunk.services.add(span.ServiceName);
    chunk.names.add(span.SpanName);
    chunk.traceIds.add(span.TraceId);
    chunk.spanIds.add(span.SpanId);
  }
  if (chunk.spans.length > 0) yield chunk;
}

function newChunk(): LookupChunk {
  return {
    spans: [],
    services: new Set(),
    names: new Set(),
    traceIds: new Set(),
    spanIds: new Set(),
    paramBytes: 0,
  };
}

/** What the span's values the chunk does not hold yet would add to its parameters. */
function addedBytes(chunk: LookupChunk, span: SpanRow): number {
  const added = (values: ReadonlySet<string>, value: string) => (values.has(value) ? 0 : valueBytes(value));
  return (
    added(chunk.services, span.ServiceName) +
    added(chunk.names, span.SpanName) +
    added(chunk.traceIds, span.TraceId) +
    added(chunk.spanIds, span.SpanId)
  );
}

/** `'`, `'` and `,` as %27%27%2C. */
const ESCAPED_QUOTES_AND_COMMA = 9;

/**
 * Bytes one string adds to an Array(String) parameter in the URL: the value with quotes and
 * backslashes escaped, between quotes, followed by a comma — all URL-encoded.
 */
function valueBytes(value: string): number {
  return encodeURIComponent(value.replace(/[\\']/g, '\\$&')).length + ESCAPED_QUOTES_AND_COMMA;
}

/** Orders nanosecond timestamps given as decimal strings, beyond what a number holds exactly. */
function compareNanos(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
