import { ATTR_RAGTRACE_EXPERIMENT_NAME, ATTR_RAGTRACE_RUN_ID } from '@ragtrace/semconv';
import type { Storage } from '../storage/storage.js';
import { tableNames } from '../storage/table-names.js';
import type { TraceRun } from './trace-run.js';

/**
 * The run of each of these traces that has one, from the run id its spans carry. Scores sent
 * from outside the application (feedback tools) rarely know the run; the trace does.
 */
export async function findTraceRuns(
  storage: Storage,
  traceIds: readonly string[],
): Promise<Map<string, TraceRun>> {
  if (traceIds.length === 0) return new Map();
  const rows = await storage.queryRows<{ TraceId: string; RunId: string; ExperimentName: string }>(
    `SELECT
    TraceId,
    any(SpanAttributes[{runKey:String}]) AS RunId,
    any(SpanAttributes[{experimentKey:String}]) AS ExperimentName
FROM ${tableNames(storage).traces}
WHERE TraceId IN {traceIds:Array(String)} AND SpanAttributes[{runKey:String}] != ''
GROUP BY TraceId`,
    {
      runKey: ATTR_RAGTRACE_RUN_ID,
      experimentKey: ATTR_RAGTRACE_EXPERIMENT_NAME,
      traceIds: [...new Set(traceIds)],
    },
  );
  return new Map(rows.map((row) => [row.TraceId, { runId: row.RunId, experimentName: row.ExperimentName }]));
}
