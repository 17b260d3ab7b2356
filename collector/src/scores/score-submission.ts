import type { EvaluationSource } from '@ragtrace/semconv';

/** One evaluation score sent as JSON to `/api/scores`, validated. Ids are lower-case hex. */
export interface ScoreSubmission {
  name: string;
  value?: number;
  label?: string;
  explanation?: string;
  source?: EvaluationSource;
  traceId: string;
  spanId?: string;
  runId?: string;
}
