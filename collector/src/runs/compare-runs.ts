import type { RunDetails } from './run-details.js';
import { compareStageNames, type RunTotals, type StageMetrics } from './run-metrics.js';
import type { RunRecord } from './run-record.js';

/** One metric of run A next to run B; null where a run has no value (e.g. a stage it never ran). */
export interface MetricComparison {
  a: number | null;
  b: number | null;
  /** b − a, null unless both are known. */
  delta: number | null;
}

export interface ParamComparison {
  key: string;
  /** null when the run has no such param. */
  a: string | null;
  b: string | null;
  differs: boolean;
}

export type TotalMetric = keyof RunTotals;
export type StageMetric = Exclude<keyof StageMetrics, 'stage' | 'errors'>;

export interface StageComparison {
  stage: string;
  metrics: Record<StageMetric, MetricComparison>;
}

export interface ScoreComparison extends MetricComparison {
  name: string;
  /** Label counts of each run, for evaluators that label rather than score. */
  labels: { a: Record<string, number>; b: Record<string, number> };
}

export interface RunComparison {
  a: RunRecord;
  b: RunRecord;
  params: ParamComparison[];
  totals: Record<TotalMetric, MetricComparison>;
  stages: StageComparison[];
  scores: ScoreComparison[];
}

const TOTAL_METRICS: readonly TotalMetric[] = [
  'traces',
  'spans',
  'errors',
  'errorRate',
  'inputTokens',
  'outputTokens',
  'totalTokens',
  'costUsd',
];
const STAGE_METRICS: readonly StageMetric[] = [
  'spans',
  'errorRate',
  'latencyP50Ms',
  'latencyP95Ms',
  'inputTokens',
  'outputTokens',
  'costUsd',
];

/** Run B against run A: params side by side, and every metric with its delta B − A. */
export function compareRuns(a: RunDetails, b: RunDetails): RunComparison {
  return {
    a: a.run,
    b: b.run,
    params: compareParams(a.run.params, b.run.params),
    totals: compareMetrics(TOTAL_METRICS, a.totals, b.totals),
    stages: union(
      a.stages.map((stage) => stage.stage),
      b.stages.map((stage) => stage.stage),
    )
      .sort(compareStageNames)
      .map((stage) => ({
        stage,
        metrics: compareMetrics(
          STAGE_METRICS,
          a.stages.find((metrics) => metrics.stage === stage),
          b.stages.find((metrics) => metrics.stage === stage),
        ),
      })),
    scores: union(
      a.scores.map((score) => score.name),
      b.scores.map((score) => score.name),
    )
      .sort()
      .map((name) => {
        const scoreA = a.scores.find((score) => score.name === name);
        const scoreB = b.scores.find((score) => score.name === name);
        return {
          name,
          ...compareValues(scoreA?.mean ?? null, scoreB?.mean ?? null),
          labels: { a: scoreA?.labels ?? {}, b: scoreB?.labels ?? {} },
        };
      }),
  };
}

function compareParams(a: Record<string, string>, b: Record<string, string>): ParamComparison[] {
  return union(Object.keys(a), Object.keys(b))
    .sort()
    .map((key) => {
      const valueA = a[key] ?? null;
      const valueB = b[key] ?? null;
      return { key, a: valueA, b: valueB, differs: valueA !== valueB };
    });
}

function compareMetrics<Name extends string>(
  names: readonly Name[],
  a: Partial<Record<Name, unknown>> | undefined,
  b: Partial<Record<Name, unknown>> | undefined,
): Record<Name, MetricComparison> {
  const result = {} as Record<Name, MetricComparison>;
  for (const name of names) result[name] = compareValues(numberOrNull(a?.[name]), numberOrNull(b?.[name]));
  return result;
}

function compareValues(a: number | null, b: number | null): MetricComparison {
  // Rounded to nine decimals so a delta of costs or latencies shows no float noise.
  const delta = a === null || b === null ? null : Number((b - a).toFixed(9));
  return { a, b, delta };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** Values of both lists without repeats, in first-seen order. */
function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
