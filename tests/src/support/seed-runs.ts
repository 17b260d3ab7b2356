import type { Storage } from '@ragtrace/collector';

/** One row of `genai_spans` as a test describes it; everything else takes the column default. */
export interface SeedSpan {
  traceId: string;
  stage: string;
  durationMs: number;
  status?: 'Ok' | 'Error';
  inputTokens?: number;
  outputTokens?: number;
  /** Null (the default) for a span without a known cost. */
  costUsd?: number | null;
}

export interface SeedScore {
  traceId: string;
  /** The scored span; the whole trace when absent. */
  spanId?: string;
  runId: string;
  name: string;
  value: number | null;
  label?: string;
}

export interface SeedRun {
  id: string;
  experiment: string;
  name: string;
  params: Record<string, string>;
  startTime: string;
  spans: SeedSpan[];
}

export interface JsonAnswer<T = unknown> {
  status: number;
  body: T;
}

/** A 32-hex-digit trace id that reads as its label in failures, e.g. traceId(1) → 0…01. */
export function traceId(n: number): string {
  return n.toString(16).padStart(32, '0');
}

export async function requestJson<T = unknown>(
  url: string,
  init: { method?: string; body?: unknown; rawBody?: string } = {},
): Promise<JsonAnswer<T>> {
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  const response = await fetch(url, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/**
 * Records the run through `POST /api/runs` and its spans straight into `genai_spans`, the table
 * the run API reads, so every figure the API computes can be worked out by hand.
 */
export async function seedRun(collectorUrl: string, storage: Storage, run: SeedRun): Promise<void> {
  const answer = await requestJson(`${collectorUrl}/api/runs`, {
    body: {
      id: run.id,
      experiment: run.experiment,
      name: run.name,
      params: run.params,
      startTime: run.startTime,
    },
  });
  if (answer.status !== 201) throw new Error(`starting run ${run.id}: ${JSON.stringify(answer)}`);
  const startNs = BigInt(Date.parse(run.startTime)) * 1_000_000n;
  await storage.insertRows(
    'genai_spans',
    run.spans.map((span, index) => ({
      Timestamp: String(startNs + BigInt(index) * 1_000_000n),
      TraceId: span.traceId,
      SpanId: (index + 1).toString(16).padStart(16, '0'),
      Stage: span.stage,
      Duration: String(Math.round(span.durationMs * 1_000_000)),
      StatusCode: span.status ?? 'Ok',
      RunId: run.id,
      ExperimentName: run.experiment,
      InputTokens: span.inputTokens ?? 0,
      OutputTokens: span.outputTokens ?? 0,
      CostUsd: span.costUsd ?? null,
    })),
  );
}

export async function seedScores(storage: Storage, scores: readonly SeedScore[]): Promise<void> {
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  await storage.insertRows(
    'genai_scores',
    scores.map((score) => ({
      Timestamp: String(nowNs),
      TraceId: score.traceId,
      SpanId: score.spanId ?? '',
      RunId: score.runId,
      Name: score.name,
      Value: score.value,
      Label: score.label ?? '',
      Source: 'code',
      Explanation: '',
    })),
  );
}

/**
 * Two runs of one experiment whose comparison is worked out by hand in the tests.
 *
 * baseline: generate 100/200/300/400 ms (one error), 100 in + 50 out tokens and $0.001 each;
 *           retrieve 10/30 ms without cost; 2 traces. Scores: faithfulness 0.8 and 0.6, and
 *           relevance 1 given to trace 1 without a run id (it belongs to the run by its trace).
 * wide:     generate 150/250/650 ms, 200 in + 100 out tokens and $0.003 each; one failed
 *           rerank of 5 ms; 3 traces. Scores: faithfulness 0.9, and a label-only "tone".
 */
export const BASELINE_RUN: SeedRun = {
  id: 'run-baseline',
  experiment: 'rag-eval',
  name: 'baseline',
  params: { model: 'small', temperature: '0.2', top_k: '3' },
  startTime: new Date(Date.now() - 60_000).toISOString(),
  spans: [
    { traceId: traceId(1), stage: 'retrieve', durationMs: 10 },
    {
      traceId: traceId(1),
      stage: 'generate',
      durationMs: 100,
      inputTokens: 100,
      outputTokens: 50,
      costUsd: 0.001,
    },
    {
      traceId: traceId(1),
      stage: 'generate',
      durationMs: 200,
      inputTokens: 100,
      outputTokens: 50,
      costUsd: 0.001,
    },
    { traceId: traceId(2), stage: 'retrieve', durationMs: 30 },
    {
      traceId: traceId(2),
      stage: 'generate',
      durationMs: 300,
      status: 'Error',
      inputTokens: 100,
      outputTokens: 50,
      costUsd: 0.001,
    },
    {
      traceId: traceId(2),
      stage: 'generate',
      durationMs: 400,
      inputTokens: 100,
      outputTokens: 50,
      costUsd: 0.001,
    },
  ],
};

export const WIDE_RUN: SeedRun = {
  id: 'run-wide',
  experiment: 'rag-eval',
  name: 'wide-context',
  params: { model: 'small', rerank_top_n: '4', temperature: '0.7', top_k: '6' },
  startTime: new Date(Date.now() - 30_000).toISOString(),
  spans: [
    { traceId: traceId(3), stage: 'rerank', durationMs: 5, status: 'Error' },
    {
      traceId: traceId(3),
      stage: 'generate',
      durationMs: 150,
      inputTokens: 200,
      outputTokens: 100,
      costUsd: 0.003,
    },
    {
      traceId: traceId(4),
      stage: 'generate',
      durationMs: 650,
      inputTokens: 200,
      outputTokens: 100,
      costUsd: 0.003,
    },
    {
      traceId: traceId(5),
      stage: 'generate',
      durationMs: 250,
      inputTokens: 200,
      outputTokens: 100,
      costUsd: 0.003,
    },
  ],
};

export const COMPARISON_SCORES: readonly SeedScore[] = [
  { traceId: traceId(1), runId: BASELINE_RUN.id, name: 'faithfulness', value: 0.8 },
  { traceId: traceId(2), runId: BASELINE_RUN.id, name: 'faithfulness', value: 0.6 },
  { traceId: traceId(1), runId: '', name: 'relevance', value: 1 },
  { traceId: traceId(3), runId: WIDE_RUN.id, name: 'faithfulness', value: 0.9 },
  { traceId: traceId(4), runId: WIDE_RUN.id, name: 'tone', value: null, label: 'polite' },
];

/** Seeds both runs and their scores. */
export async function seedComparison(collectorUrl: string, storage: Storage): Promise<void> {
  await seedRun(collectorUrl, storage, BASELINE_RUN);
  await seedRun(collectorUrl, storage, WIDE_RUN);
  await seedScores(storage, COMPARISON_SCORES);
}
