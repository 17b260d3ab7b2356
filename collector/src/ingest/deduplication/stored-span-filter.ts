import { ATTR_RAGTRACE_PROJECT } from '@ragtrace/semconv';
import { sqlStringLiteral } from '../../storage/sql-text.js';
import type { SpanRow } from '../../storage/span-row.js';
import type { Storage } from '../../storage/storage.js';
import { tableNames } from '../../storage/table-names.js';
import { lookupChunks, STORED_ROW_LOOKUP_LIMITS } from './lookup-chunks.js';
import { createStoredRowFilter } from './stored-row-filter.js';

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

  const lookupValues = (span: SpanRow) => ({
    services: span.ServiceName,
    names: span.SpanName,
    traceIds: span.TraceId,
    spanIds: span.SpanId,
  });

  return createStoredRowFilter<SpanRow>(
    {
      keyOf: (span) => keyOf({ Project: span.ResourceAttributes[ATTR_RAGTRACE_PROJECT] ?? '', ...span }),
      findStoredKeys: async (spans) => {
        const stored = new Set<string>();
        for (const chunk of lookupChunks(spans, lookupValues, STORED_ROW_LOOKUP_LIMITS)) {
          const rows = await storage.queryRows<StoredSpanKey>(query, {
            from: BigInt(chunk.rows[0]!.Timestamp),
            to: BigInt(chunk.rows.at(-1)!.Timestamp),
            services: [...chunk.values.services],
            names: [...chunk.values.names],
            traceIds: [...chunk.values.traceIds],
            spanIds: [...chunk.values.spanIds],
          });
          for (const row of rows) stored.add(keyOf(row));
        }
        return stored;
      },
    },
    onDuplicates,
  );
}

interface StoredSpanKey {
  Project: string;
  TraceId: string;
  SpanId: string;
}

function keyOf(span: StoredSpanKey): string {
  return `${span.Project}/${span.TraceId}/${span.SpanId}`;
}
