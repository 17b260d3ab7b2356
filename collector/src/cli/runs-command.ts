import { parseArgs } from 'node:util';
import type { MetricComparison, RunComparison, StageMetric, TotalMetric } from '../runs/compare-runs.js';
import type { RunDetails, RunSummaryPage } from '../runs/run-details.js';
import type { RunRecord } from '../runs/run-record.js';
import type { CliIo } from './cli-io.js';
import { apiKeyHeaders } from './api-key-headers.js';
import { callCollectorApi, CollectorApiError, CollectorUnreachableError } from './collector-api.js';
import { COLLECTOR_URL_OPTIONS, COLLECTOR_URL_USAGE, resolveCollectorUrl } from './collector-url.js';
import {
  formatCount,
  formatDelta,
  formatMs,
  formatRate,
  formatScore,
  formatScoreOrLabels,
  formatTime,
  formatUsd,
  orNone,
} from './run-formatting.js';
import { renderTable } from './text-table.js';

const USAGE = `Usage: ragtrace runs <command> [flags]

Runs group the traces of one configuration (see startRun in @ragtrace/sdk), so that two
configurations can be compared.

  ragtrace runs list [--experiment NAME] [--limit N] [--cursor C]
                                  runs, newest first, with spans, errors, tokens, cost and score means
  ragtrace runs show RUN_ID       one run: params, tags, per-stage latency, tokens, cost, scores
  ragtrace runs compare A B       run B against run A: params side by side (* marks a difference),
                                  every metric with its delta B − A

  --json           print the collector's JSON answer instead of tables
${COLLECTOR_URL_USAGE}

Exit status: 0 on success, 1 when the collector refuses the request (e.g. an unknown run),
2 when the collector cannot be reached or the command line is wrong.
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  experiment: { type: 'string' },
  limit: { type: 'string' },
  cursor: { type: 'string' },
  ...COLLECTOR_URL_OPTIONS,
} as const;

/** A request the command line asked for, and how to print its answer. */
interface RunsRequest {
  path: string;
  query?: Record<string, string | undefined>;
  print: (answer: unknown) => string;
}

/** `ragtrace runs list|show|compare`: resolves to the exit status. */
export async function runRunsCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  let collectorUrl: URL;
  let request: RunsRequest | undefined;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    if (parsed.values.help) {
      io.stdout(USAGE);
      return 0;
    }
    collectorUrl = resolveCollectorUrl(parsed.values, io.env);
    request = requestFor(parsed.positionals, parsed.values);
  } catch (error) {
    io.stderr(`ragtrace runs: ${(error as Error).message}\n`);
    return 2;
  }
  if (request === undefined) {
    io.stderr(`ragtrace runs: ${describeUsageError(parsed.positionals)}\n\n${USAGE}`);
    return 2;
  }
  try {
    const answer = await callCollectorApi<unknown>(
      collectorUrl,
      { method: 'GET', ...request },
      apiKeyHeaders(io.env),
    );
    io.stdout(parsed.values.json ? `${JSON.stringify(answer, null, 2)}\n` : request.print(answer));
    return 0;
  } catch (error) {
    if (error instanceof CollectorUnreachableError) {
      io.stderr(`ragtrace runs: ${error.message}\n`);
      return 2;
    }
    if (error instanceof CollectorApiError) {
      io.stderr(`ragtrace runs: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function requestFor(
  positionals: string[],
  values: { experiment?: string; limit?: string; cursor?: string },
): RunsRequest | undefined {
  const [command, ...ids] = positionals;
  if (command === 'list' && ids.length === 0) {
    return {
      path: '/api/runs',
      query: { experiment: values.experiment, limit: values.limit, cursor: values.cursor },
      print: (answer) => printList(answer as RunSummaryPage, values),
    };
  }
  if (command === 'show' && ids.length === 1) {
    return {
      path: `/api/runs/${encodeURIComponent(ids[0]!)}`,
      print: (answer) => printRun(answer as RunDetails),
    };
  }
  if (command === 'compare' && ids.length === 2) {
    return {
      path: '/api/runs/compare',
      query: { ids: ids.join(',') },
      print: (answer) => printComparison(answer as RunComparison),
    };
  }
  return undefined;
}

function describeUsageError(positionals: string[]): string {
  const [command, ...ids] = positionals;
  switch (command) {
    case undefined:
      return 'no command given';
    case 'list':
      return `list takes no run ids, got ${ids.length}`;
    case 'show':
      return `show takes one run id, got ${ids.length}`;
    case 'compare':
      return `compare takes two run ids, got ${ids.length}`;
    default:
      return `unknown command ${JSON.stringify(command)}`;
  }
}

function printList(page: RunSummaryPage, values: { experiment?: string; limit?: string }): string {
  if (page.runs.length === 0) return 'No runs recorded yet.\n';
  const rows = page.runs.map((run) => [
    formatTime(run.startTime),
    run.id,
    run.experiment,
    orNone(run.name),
    run.status,
    formatCount(run.totals.traces),
    formatCount(run.totals.spans),
    formatCount(run.totals.errors),
    formatCount(run.totals.totalTokens),
    formatUsd(run.totals.costUsd),
    run.scores.map((score) => `${score.name}=${formatScoreOrLabels(score.mean, score.labels)}`).join('; '),
  ]);
  const table = renderTable(
    [
      'STARTED (UTC)',
      'RUN ID',
      'EXPERIMENT',
      'NAME',
      'STATUS',
      'TRACES',
      'SPANS',
      'ERRORS',
      'TOKENS',
      'COST USD',
      'SCORES',
    ],
    rows,
    ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
  if (page.nextCursor === null) return table;
  const flags = [
    ...(values.experiment === undefined ? [] : [`--experiment ${shellWord(values.experiment)}`]),
    ...(values.limit === undefined ? [] : [`--limit ${values.limit}`]),
  ];
  return `${table}More: ragtrace runs list ${[...flags, `--cursor ${page.nextCursor}`].join(' ')}\n`;
}

/** A value as one shell word: bare when that is safe, single-quoted otherwise. */
function shellWord(value: string): string {
  return /^[\w.:@%+=,/-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

function describeRun(run: RunRecord): string[] {
  const dataset =
    run.dataset === null
      ? '-'
      : `${run.dataset.name}${run.dataset.version === '' ? '' : ` v${run.dataset.version}`}`;
  return [
    `Run ${run.id}${run.name === '' ? '' : ` (${run.name})`} of experiment ${run.experiment}`,
    `  status ${run.status}, started ${formatTime(run.startTime)}, ended ${formatTime(run.endTime)} (UTC)`,
    `  service ${orNone(run.serviceName)}, dataset ${dataset}, git commit ${orNone(run.gitCommit)}`,
  ];
}

function printRun({ run, totals, stages, scores }: RunDetails): string {
  const sections = [describeRun(run).join('\n') + '\n'];
  const params = Object.entries(run.params).sort(([a], [b]) => a.localeCompare(b));
  sections.push(
    params.length === 0 ? 'Params: none\n' : `Params\n${renderTable(['PARAM', 'VALUE'], params)}`,
  );
  const tags = Object.entries(run.tags).sort(([a], [b]) => a.localeCompare(b));
  if (tags.length > 0) sections.push(`Tags\n${renderTable(['TAG', 'VALUE'], tags)}`);
  sections.push(
    `Totals: traces ${totals.traces}, spans ${totals.spans}, errors ${totals.errors} (${formatRate(totals.errorRate)}), ` +
      `tokens ${totals.inputTokens} in + ${totals.outputTokens} out, cost ${formatUsd(totals.costUsd)} USD\n`,
  );
  if (stages.length > 0) {
    sections.push(
      `Stages\n${renderTable(
        ['STAGE', 'SPANS', 'ERROR RATE', 'P50 MS', 'P95 MS', 'INPUT TOKENS', 'OUTPUT TOKENS', 'COST USD'],
        stages.map((stage) => [
          stage.stage,
          formatCount(stage.spans),
          formatRate(stage.errorRate),
          formatMs(stage.latencyP50Ms),
          formatMs(stage.latencyP95Ms),
          formatCount(stage.inputTokens),
          formatCount(stage.outputTokens),
          formatUsd(stage.costUsd),
        ]),
        ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
      )}`,
    );
  }
  sections.push(
    scores.length === 0
      ? 'Scores: none\n'
      : `Scores\n${renderTable(
          ['EVALUATOR', 'MEAN OR LABELS', 'COUNT'],
          scores.map((score) => [
            score.name,
            formatScoreOrLabels(score.mean, score.labels),
            String(score.count),
          ]),
          ['left', 'right', 'right'],
        )}`,
  );
  return sections.join('\n');
}

type Formatter = (value: number | null) => string;

/** Whether a metric row says nothing when neither run has a value, e.g. tokens of a retrieval stage. */
type HideWhenEmpty = boolean;

const TOTAL_ROWS: ReadonlyArray<[TotalMetric, string, Formatter]> = [
  ['traces', 'traces', formatCount],
  ['spans', 'spans', formatCount],
  ['errorRate', 'error rate', formatRate],
  ['inputTokens', 'input tokens', formatCount],
  ['outputTokens', 'output tokens', formatCount],
  ['costUsd', 'cost usd', formatUsd],
];

const STAGE_ROWS: ReadonlyArray<[StageMetric, string, Formatter, HideWhenEmpty]> = [
  ['latencyP50Ms', 'latency p50 ms', formatMs, false],
  ['latencyP95Ms', 'latency p95 ms', formatMs, false],
  ['spans', 'spans', formatCount, false],
  ['errorRate', 'error rate', formatRate, false],
  ['inputTokens', 'input tokens', formatCount, true],
  ['outputTokens', 'output tokens', formatCount, true],
  ['costUsd', 'cost usd', formatUsd, true],
];

function isEmpty(metric: MetricComparison): boolean {
  return !metric.a && !metric.b;
}

function metricRow(group: string, label: string, metric: MetricComparison, format: Formatter): string[] {
  return [group, label, format(metric.a), format(metric.b), formatDelta(metric.delta, format)];
}

function printComparison(comparison: RunComparison): string {
  const { a, b } = comparison;
  const sections = [
    `A: ${describeRun(a).join('\n   ')}\nB: ${describeRun(b).join('\n   ')}\n`,
    comparison.params.length === 0
      ? 'Params: none\n'
      : `Params (* = differs)\n${renderTable(
          ['  PARAM', 'A', 'B'],
          comparison.params.map((param) => [
            `${param.differs ? '*' : ' '} ${param.key}`,
            param.a ?? '-',
            param.b ?? '-',
          ]),
        )}`,
  ];
  const metricRows = [
    ...TOTAL_ROWS.map(([metric, label, format]) =>
      metricRow('all', label, comparison.totals[metric], format),
    ),
    ...comparison.stages.flatMap((stage) =>
      STAGE_ROWS.filter(
        ([metric, , , hideWhenEmpty]) => !(hideWhenEmpty && isEmpty(stage.metrics[metric])),
      ).map(([metric, label, format]) => metricRow(stage.stage, label, stage.metrics[metric], format)),
    ),
  ];
  sections.push(
    `Metrics (delta = B − A)\n${renderTable(['STAGE', 'METRIC', 'A', 'B', 'DELTA'], metricRows, [
      'left',
      'left',
      'right',
      'right',
      'right',
    ])}`,
  );
  sections.push(
    comparison.scores.length === 0
      ? 'Scores: none\n'
      : `Scores (mean per evaluator)\n${renderTable(
          ['EVALUATOR', 'A', 'B', 'DELTA'],
          comparison.scores.map((score) => [
            score.name,
            formatScoreOrLabels(score.a, score.labels.a),
            formatScoreOrLabels(score.b, score.labels.b),
            formatDelta(score.delta, formatScore),
          ]),
          ['left', 'right', 'right', 'right'],
        )}`,
  );
  return sections.join('\n');
}
