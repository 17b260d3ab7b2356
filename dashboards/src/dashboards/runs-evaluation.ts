import type { DashboardSpec } from '../builder/dashboard-spec.js';
import { lowerIsWorse } from '../builder/thresholds.js';
import { GENAI_RUNS, GENAI_SCORES, GENAI_SPANS } from './common/tables.js';
import {
  comparedRunVariable,
  datasourceVariable,
  experimentVariable,
  runVariable,
} from './common/variables.js';

const RUN_A = '${run_a:sqlstring}';
const RUN_B = '${run_b:sqlstring}';
const BOTH_RUNS = `RunId IN (${RUN_A}, ${RUN_B})`;
const SELECTED_RUNS = `$__conditionalAll(RunId IN ($run), $run)`;
const EXPERIMENTS = `$__conditionalAll(ExperimentName IN ($experiment), $experiment)`;

/** Evaluator scores are read as 0–1, higher is better: red below 0.5, orange below 0.7. */
const SCORE = lowerIsWorse(0.5, 0.7);

export const runsEvaluation: DashboardSpec = {
  uid: 'ragtrace-runs',
  title: 'ragtrace / Runs and evaluation',
  description:
    'Runs of each experiment with their params and mean scores, score distributions, two runs side by side, and score trends.',
  tags: ['runs', 'evaluation'],
  timeFrom: 'now-7d',
  variables: [
    datasourceVariable,
    experimentVariable,
    runVariable,
    comparedRunVariable('run_a', 'A'),
    comparedRunVariable('run_b', 'B'),
  ],
  panels: [
    {
      kind: 'table',
      title: 'Runs',
      description:
        'Runs started in the time range: params that configured them, spans recorded, and the mean score of each evaluator (label-only evaluators show no mean).',
      width: 24,
      height: 8,
      unit: 'none',
      fieldUnits: [
        { field: 'started', unit: 'dateTimeAsIso' },
        { field: 'spans', unit: 'short' },
      ],
      query: {
        sql: `SELECT runs.ExperimentName AS experiment, runs.RunName AS run, runs.RunId AS RunId, runs.Status AS status,
  runs.StartTime AS started, runs.params AS params, ifNull(spans.spans, 0) AS spans, ifNull(scores.mean_scores, '') AS mean_scores
FROM (
  SELECT RunId, ExperimentName, RunName, Status, StartTime,
    arrayStringConcat(arrayMap((key, value) -> concat(key, '=', value), mapKeys(Params), mapValues(Params)), ', ') AS params
  FROM ${GENAI_RUNS}
  WHERE $__timeFilter(StartTime) AND ${EXPERIMENTS} AND ${SELECTED_RUNS}
) AS runs
LEFT JOIN (SELECT RunId, count() AS spans FROM ${GENAI_SPANS} WHERE RunId != '' GROUP BY RunId) AS spans ON spans.RunId = runs.RunId
LEFT JOIN (
  SELECT RunId, arrayStringConcat(groupArray(concat(Name, ' ', toString(round(mean, 3)))), ', ') AS mean_scores
  FROM (SELECT RunId, Name, avg(Value) AS mean FROM ${GENAI_SCORES} WHERE RunId != '' AND Value IS NOT NULL GROUP BY RunId, Name ORDER BY Name)
  GROUP BY RunId
) AS scores ON scores.RunId = runs.RunId
ORDER BY started DESC`,
        format: 'table',
        expectedColumns: [
          'experiment',
          'run',
          'RunId',
          'status',
          'started',
          'params',
          'spans',
          'mean_scores',
        ],
      },
    },
    {
      kind: 'barchart',
      title: 'Score distribution per evaluator',
      description:
        'How many scored traces fall in each 0.1-wide score bucket, one bar colour per evaluator, over the selected runs.',
      width: 12,
      height: 9,
      unit: 'short',
      transformations: [
        {
          id: 'groupingToMatrix',
          options: { columnField: 'evaluator', rowField: 'bucket', valueField: 'scores' },
        },
      ],
      query: {
        sql: `SELECT toString(floor(Value, 1)) AS bucket, Name AS evaluator, count() AS scores
FROM ${GENAI_SCORES}
WHERE Value IS NOT NULL AND ${SELECTED_RUNS}
  AND RunId IN (SELECT RunId FROM ${GENAI_RUNS} WHERE $__timeFilter(StartTime) AND ${EXPERIMENTS})
GROUP BY bucket, evaluator
ORDER BY bucket, evaluator`,
        format: 'table',
        expectedColumns: ['bucket', 'evaluator', 'scores'],
      },
    },
    {
      kind: 'timeseries',
      title: 'Score trend across runs',
      description:
        'Mean score of each evaluator per run, placed at the run’s start time: a drop after a change to prompts, models or retrieval shows here.',
      width: 12,
      height: 9,
      unit: 'none',
      decimals: 3,
      thresholds: SCORE,
      options: {
        legend: { calcs: ['last', 'min'], displayMode: 'table', placement: 'bottom', showLegend: true },
      },
      query: {
        sql: `SELECT runs.StartTime AS time, scores.Name AS evaluator, avg(scores.Value) AS mean_score
FROM ${GENAI_SCORES} AS scores
INNER JOIN (
  SELECT RunId, StartTime FROM ${GENAI_RUNS} WHERE $__timeFilter(StartTime) AND ${EXPERIMENTS}
) AS runs ON runs.RunId = scores.RunId
WHERE scores.Value IS NOT NULL
GROUP BY time, evaluator
ORDER BY time`,
        format: 'timeseries',
        expectedColumns: ['time', 'evaluator', 'mean_score'],
      },
    },
    {
      kind: 'table',
      title: 'Run A vs run B: latency, tokens and cost',
      description:
        'The two runs picked in "Run A" and "Run B", one row each: traces, p50/p95 span latency, tokens and cost in USD.',
      width: 24,
      height: 6,
      unit: 'short',
      fieldUnits: [
        { field: 'p50_ms', unit: 'ms' },
        { field: 'p95_ms', unit: 'ms' },
        { field: 'cost_usd', unit: 'currencyUSD' },
      ],
      query: {
        sql: `SELECT if(RunId = ${RUN_A}, 'A', 'B') AS side, RunId, uniqExact(TraceId) AS traces,
  quantile(0.5)(Duration) / 1e6 AS p50_ms, quantile(0.95)(Duration) / 1e6 AS p95_ms,
  sum(InputTokens) AS input_tokens, sum(OutputTokens) AS output_tokens, sum(ifNull(CostUsd, 0)) AS cost_usd,
  countIf(StatusCode = 'Error') AS errors
FROM ${GENAI_SPANS}
WHERE ${BOTH_RUNS}
GROUP BY RunId
ORDER BY side`,
        format: 'table',
        expectedColumns: [
          'side',
          'RunId',
          'traces',
          'p50_ms',
          'p95_ms',
          'input_tokens',
          'output_tokens',
          'cost_usd',
          'errors',
        ],
      },
    },
    {
      kind: 'table',
      title: 'Run A vs run B: p95 latency per stage',
      description:
        '95th percentile span duration of each stage in run A and run B, and B − A (negative: B is faster).',
      width: 12,
      height: 8,
      unit: 'ms',
      query: {
        sql: `SELECT Stage,
  quantileIf(0.95)(Duration, RunId = ${RUN_A}) / 1e6 AS run_a_p95_ms,
  quantileIf(0.95)(Duration, RunId = ${RUN_B}) / 1e6 AS run_b_p95_ms,
  run_b_p95_ms - run_a_p95_ms AS delta_ms
FROM ${GENAI_SPANS}
WHERE ${BOTH_RUNS}
GROUP BY Stage
ORDER BY Stage`,
        format: 'table',
        expectedColumns: ['Stage', 'run_a_p95_ms', 'run_b_p95_ms', 'delta_ms'],
      },
    },
    {
      kind: 'table',
      title: 'Run A vs run B: mean scores',
      description: 'Mean score of each evaluator in run A and run B, and B − A (positive: B scores higher).',
      width: 12,
      height: 8,
      unit: 'none',
      decimals: 3,
      thresholds: SCORE,
      query: {
        sql: `SELECT Name AS evaluator,
  avgIf(Value, RunId = ${RUN_A}) AS run_a_mean,
  avgIf(Value, RunId = ${RUN_B}) AS run_b_mean,
  run_b_mean - run_a_mean AS delta
FROM ${GENAI_SCORES}
WHERE ${BOTH_RUNS} AND Value IS NOT NULL
GROUP BY Name
ORDER BY Name`,
        format: 'table',
        expectedColumns: ['evaluator', 'run_a_mean', 'run_b_mean', 'delta'],
      },
    },
  ],
};
