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
  /**
   * When the score was given, in Unix nanoseconds (sent as an RFC 3339 time); the time of
   * receipt when absent. A client that resends a score with the same timestamp stores it once.
   */
  timeNanos?: bigint;
}
