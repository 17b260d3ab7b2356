import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { projectStorage } from '../../auth/project-storage.js';
import type { LogIngestor } from '../../ingest/log-ingestor.js';
import { evaluationEventRow } from '../../scores/evaluation-event-row.js';
import { findTraceRuns } from '../../scores/find-trace-runs.js';
import { parseScoreSubmissions } from '../../scores/parse-score-submissions.js';
import type { Storage } from '../../storage/storage.js';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../http-errors.js';
import { jsonErrorResponse } from './json-error-handler.js';
import { jsonBody } from './request-parameters.js';

export interface ScoresRoutesOptions {
  ingestor: LogIngestor;
  /** Where the run of a trace is looked up when a score names none. */
  storage: Storage;
  maxBodyBytes: number;
}

const JSON_MEDIA_TYPE = 'application/json';

/**
 * `POST /api/scores` (mounted at `/api/scores`): evaluation scores as JSON, for feedback from
 * tools that do not speak OTLP. Body: `{ name, value?, label?, explanation?, source?, traceId,
 * spanId?, runId? }` or an array of them. Each becomes the `otel_logs` record the SDK's
 * `score()` would have sent, so `genai_scores` fills through the same materialized view.
 * Answers `{ accepted: n }` once stored.
 */
export function createScoresRoutes({ ingestor, storage, maxBodyBytes }: ScoresRoutesOptions): Hono {
  const routes = new Hono();
  routes.post(
    '/',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new PayloadTooLargeError(`body exceeds the ${maxBodyBytes}-byte limit`);
      },
    }),
    async (c) => {
      const mediaType = (c.req.header('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
      if (mediaType !== JSON_MEDIA_TYPE) {
        throw new UnsupportedMediaTypeError(
          `Content-Type ${JSON.stringify(mediaType)} is not supported: send ${JSON_MEDIA_TYPE}`,
        );
      }
      const scores = parseScoreSubmissions(await jsonBody(c));
      const unattributed = scores.filter((score) => score.runId === undefined).map((score) => score.traceId);
      const caller = c.get('caller');
      // Only the caller's own spans may lend a score their run.
      const runs = await findTraceRuns(projectStorage(storage, caller), unattributed);
      const now = BigInt(Date.now()) * 1_000_000n;
      await ingestor.store(
        scores.map((score) => evaluationEventRow(score, runs.get(score.traceId), score.timeNanos ?? now)),
        caller.project,
        c.get('requestId'),
      );
      return c.json({ accepted: scores.length });
    },
  );
  routes.onError(jsonErrorResponse);
  return routes;
}
