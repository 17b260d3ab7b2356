import type { Storage } from '../storage/storage.js';
import { tableNames } from '../storage/table-names.js';
import { compareStageNames, type RunTotals, type ScoreMean, type StageMetrics } from './run-metrics.js';

// ClickHouse returns 64-bit integers as strings over HTTP and as numbers from chDB: Number() both.
type Numeric = number | string;

interface TotalsRow {
  RunId: string;
  Traces: Numeric;
  Spans: Numeric;
  Errors: Numeric;
  InputTokens: Numeric;
  OutputTokens: Numeric;
  CostUsd: Numeric | null;
}

interface StageRow {
  RunId: string;
  Stage: string;
  Spans: Numeric;
  Errors: Numeric;
  LatencyMs: Numeric[];
  InputTokens: Numeric;
  OutputTokens: Numeric;
  CostUsd: Numeric | null;
}

interface ScoreRow {
  RunId: string;
  Name: string;
  Mean: Numeric | null;
  Count: Numeric;
  Labels: Record<string, Numeric>;
}

// Costs are rounded to a billionth of a dollar and latencies to a microsecond: that hides float
// noise from summing without hiding anything a person would read.
const SUMS = `count() AS Spans,
    countIf(StatusCode = 'Error') AS Errors,
    coalesce(sum(InputTokens), 0) AS InputTokens,
    coalesce(sum(OutputTokens), 0) AS OutputTokens,
    round(sum(CostUsd), 9) AS CostUsd`;

/** Totals per run id; runs without spans are absent from the map. */
export async function queryRunTotals(
  storage: Storage,
  runIds: readonly string[],
): Promise<Map<string, RunTotals>> {
  if (runIds.length === 0) return new Map();
  const rows = await storage.queryRows<TotalsRow>(
    `SELECT RunId, uniqExact(TraceId) AS Traces, ${SUMS}
     FROM ${tableNames(storage).genaiSpans}
     WHERE RunId IN {runIds:Array(String)}
     GROUP BY RunId`,
    { runIds },
  );
  return new Map(
    rows.map((row) => {
      const spans = Number(row.Spans);
      const errors = Number(row.Errors);
      const inputTokens = Number(row.InputTokens);
      const outputTokens = Number(row.OutputTokens);
      return [
        row.RunId,
        {
          traces: Number(row.Traces),
          spans,
          errors,
          errorRate: errorRate(errors, spans),
          inputTokens,
          outputTokens,
          totalTokens: inputTokens + outputTokens,
          costUsd: nullableNumber(row.CostUsd),
        },
      ];
    }),
  );
}

/** Per-stage metrics per run id. Percentiles interpolate between spans, as spreadsheets do. */
export async function queryStageMetrics(
  storage: Storage,
  runIds: readonly string[],
): Promise<Map<string, StageMetrics[]>> {
  if (runIds.length === 0) return new Map();
  const rows = await storage.queryRows<StageRow>(
    `SELECT RunId, Stage, ${SUMS},
        arrayMap(q -> round(q / 1e6, 3), quantilesExactInclusive(0.5, 0.95)(Duration)) AS LatencyMs
     FROM ${tableNames(storage).genaiSpans}
     WHERE RunId IN {runIds:Array(String)}
     GROUP BY RunId, Stage`,
    { runIds },
  );
  const byRun = new Map<string, StageMetrics[]>();
  for (const row of rows) {
    const spans = Number(row.Spans);
    const errors = Number(row.Errors);
    const stages = byRun.get(row.RunId) ?? [];
    stages.push({
      stage: row.Stage,
      spans,
      errors,
      errorRate: errorRate(errors, spans),
      latencyP50Ms: Number(row.LatencyMs[0]),
      latencyP95Ms: Number(row.LatencyMs[1]),
      inputTokens: Number(row.InputTokens),
      outputTokens: Number(row.OutputTokens),
      costUsd: nullableNumber(row.CostUsd),
    });
    byRun.set(row.RunId, stages);
  }
  for (const stages of byRun.values()) stages.sort((a, b) => compareStageNames(a.stage, b.stage));
  return byRun;
}

/**
 * Score means per evaluator per run id. A score belongs to a run by its own RunId or, when it
 * has none (scored after the run, or by another tool through /api/scores), by the run of the
 * trace it scores.
 */
export async function queryScoreMeans(
  storage: Storage,
  runIds: readonly string[],
): Promise<Map<string, ScoreMean[]>> {
  if (runIds.length === 0) return new Map();
  const tables = tableNames(storage);
  const rows = await storage.queryRows<ScoreRow>(
    `WITH run_traces AS (
       SELECT DISTINCT TraceId, RunId FROM ${tables.genaiSpans} WHERE RunId IN {runIds:Array(String)}
     )
     SELECT RunId, Name, round(avg(Value), 9) AS Mean, count() AS Count,
       sumMapIf(map(Label, toUInt64(1)), Label != '') AS Labels
     FROM (
       SELECT if(s.RunId != '', s.RunId, t.RunId) AS RunId, s.Name AS Name, s.Value AS Value, s.Label AS Label
       FROM ${tables.genaiScores} AS s
       LEFT JOIN run_traces AS t ON s.TraceId = t.TraceId
       WHERE s.RunId IN {runIds:Array(String)} OR (s.RunId = '' AND s.TraceId IN (SELECT TraceId FROM run_traces))
     )
     WHERE RunId IN {runIds:Array(String)}
     GROUP BY RunId, Name
     ORDER BY RunId, Name`,
    { runIds },
  );
  const byRun = new Map<string, ScoreMean[]>();
  for (const row of rows) {
    const means = byRun.get(row.RunId) ?? [];
    means.push({
      name: row.Name,
      mean: nullableNumber(row.Mean),
      count: Number(row.Count),
      labels: Object.fromEntries(Object.entries(row.Labels).map(([label, n]) => [label, Number(n)])),
    });
    byRun.set(row.RunId, means);
  }
  return byRun;
}

function errorRate(errors: number, spans: number): number {
  return spans === 0 ? 0 : Math.round((errors / spans) * 10_000) / 10_000;
}

function nullableNumber(value: Numeric | null): number | null {
  return value === null ? null : Number(value);
}
