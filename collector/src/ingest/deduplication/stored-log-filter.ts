import { ATTR_RAGTRACE_PROJECT } from '@ragtrace/semconv';
import { sqlStringLiteral } from '../../storage/sql-text.js';
import type { LogRow } from '../../storage/log-row.js';
import type { Storage } from '../../storage/storage.js';
import { tableNames } from '../../storage/table-names.js';
import { lookupChunks, STORED_ROW_LOOKUP_LIMITS } from './lookup-chunks.js';
import { createStoredRowFilter } from './stored-row-filter.js';

/**
 * Removes from a batch the log records storage already holds, and repeats within the batch, so
 * a retried request (a client resending after a lost response, a spool replay after a crash)
 * never makes a record visible twice — nor, for an evaluation event, counts a score twice.
 *
 * A log record carries no id, so it is identified by its content: project, Timestamp (to the
 * nanosecond), TraceId, SpanId, ServiceName, SeverityNumber, EventName, Body, LogAttributes and
 * ScopeName. Two records equal in all of these are the same record sent twice; records that
 * differ in any (another body, one attribute, 1 ns) are all kept. `otel_logs` keeps the
 * exporter's exact columns, so the comparison happens here rather than in a key column.
 *
 * The look-up asks for the batch's exact timestamps of its services, within the seconds
 * (TimestampTime) they span, so it reads only the partitions and primary-key ranges the batch
 * falls in; timestamps travel as Int64 nanoseconds, exact with no text format or time zone in
 * between. Exact for the same reason as the span filter: one insert at a time per table.
 */
export function createStoredLogFilter(
  storage: Pick<Storage, 'database' | 'queryRows'>,
  onDuplicates: (count: number) => void,
): (rows: readonly object[]) => Promise<readonly object[]> {
  const query = `SELECT ResourceAttributes[${sqlStringLiteral(ATTR_RAGTRACE_PROJECT)}] AS Project,
  toString(toUnixTimestamp64Nano(Timestamp)) AS Nanos, TraceId, SpanId, ServiceName, SeverityNumber,
  EventName, Body, LogAttributes, ScopeName
FROM ${tableNames(storage).logs}
WHERE TimestampTime BETWEEN toDateTime(fromUnixTimestamp64Nano({from:Int64}))
    AND toDateTime(fromUnixTimestamp64Nano({to:Int64}))
  AND ServiceName IN {services:Array(String)}
  AND toUnixTimestamp64Nano(Timestamp) IN {timestamps:Array(Int64)}`;

  const lookupValues = (record: LogRow) => ({ services: record.ServiceName, timestamps: nanos(record) });

  return createStoredRowFilter<LogRow>(
    {
      keyOf: (record) =>
        keyOf({
          Project: record.ResourceAttributes[ATTR_RAGTRACE_PROJECT] ?? '',
          Nanos: nanos(record),
          ...record,
        }),
      findStoredKeys: async (records) => {
        const stored = new Set<string>();
        for (const chunk of lookupChunks(records, lookupValues, STORED_ROW_LOOKUP_LIMITS)) {
          const rows = await storage.queryRows<StoredLogKey>(query, {
            // Timestamps as numbers: a row's zero-padded text ("000…0" for a record with no
            // time) does not parse as Int64, and in an array a string would be quoted.
            from: BigInt(chunk.rows[0]!.Timestamp),
            to: BigInt(chunk.rows.at(-1)!.Timestamp),
            services: [...chunk.values.services],
            timestamps: [...chunk.values.timestamps].map(BigInt),
          });
          for (const row of rows) stored.add(keyOf(row));
        }
        return stored;
      },
    },
    onDuplicates,
  );
}

/** The columns that identify a log record (see createStoredLogFilter). */
type StoredLogKey = Pick<
  LogRow,
  | 'TraceId'
  | 'SpanId'
  | 'ServiceName'
  | 'SeverityNumber'
  | 'EventName'
  | 'Body'
  | 'LogAttributes'
  | 'ScopeName'
> & { Project: string; Nanos: string };

/** The record's timestamp without the zero padding rows carry, as ClickHouse prints it. */
function nanos(record: LogRow): string {
  return BigInt(record.Timestamp).toString();
}

function keyOf(record: StoredLogKey): string {
  const attributes = Object.entries(record.LogAttributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    record.Project,
    record.Nanos,
    record.TraceId,
    record.SpanId,
    record.ServiceName,
    Number(record.SeverityNumber),
    record.EventName,
    record.Body,
    attributes,
    record.ScopeName,
  ]);
}
