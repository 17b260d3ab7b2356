import { RAG_STAGE } from '@ragtrace/semconv';

/** Aggregates over one run's spans in `genai_spans`. */
export interface RunTotals {
  traces: number;
  spans: number;
  errors: number;
  /** errors / spans, 0 for a run without spans. */
  errorRate: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** Null when no span of the run has a cost (no usage, or no matching price). */
  costUsd: number | null;
}

/** The same per RAG stage, plus latency percentiles of that stage's spans. */
export interface StageMetrics {
  stage: string;
  spans: number;
  errors: number;
  errorRate: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
}

/** Mean of one evaluator's numeric scores over a run; label-only scores count but have no mean. */
export interface ScoreMean {
  name: string;
  /** Mean of the numeric values; null for an evaluator that only gives labels. */
  mean: number | null;
  count: number;
  /** How often each label was given, for evaluators that label (pass/fail, answered/declined…). */
  labels: Record<string, number>;
}

export const EMPTY_TOTALS: RunTotals = {
  traces: 0,
  spans: 0,
  errors: 0,
  errorRate: 0,
  inputTokens: 0,
  outputTokens: 0,
  totalTokens: 0,
  costUsd: null,
};

const PIPELINE_ORDER: readonly string[] = Object.values(RAG_STAGE);

/** Pipeline order (embed → retrieve → … → workflow → other), then any other stage name alphabetically. */
export function compareStageNames(a: string, b: string): number {
  const rank = (stage: string) => {
    const index = PIPELINE_ORDER.indexOf(stage);
    return index === -1 ? PIPELINE_ORDER.length : index;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}
