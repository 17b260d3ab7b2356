import { Hono } from 'hono';
import { projectStorage } from '../../auth/project-storage.js';
import type { Storage } from '../../storage/storage.js';
import { buildTraceView } from '../../traces/build-trace-view.js';
import { queryGenaiFields, queryScores, querySpans } from '../../traces/query-trace.js';
import { NotFoundError } from '../../errors/request-errors.js';
import { jsonErrorResponse } from './json-error-handler.js';
import { hexIdParameter } from '../../traces/hex-id-parameter.js';

export interface TracesRoutesOptions {
  storage: Storage;
}

/** W3C trace ids are 16 bytes, stored as 32 lower-case hex digits. */
const TRACE_ID_HEX_LENGTH = 32;

/** `GET /api/traces/:traceId` (mounted at `/api/traces`): the span tree with GenAI fields and scores. */
export function createTracesRoutes({ storage: sharedStorage }: TracesRoutesOptions): Hono {
  const routes = new Hono();
  routes.get('/:traceId', async (c) => {
    // Another project's trace reads as absent: 404, the same answer as for an unknown id.
    const storage = projectStorage(sharedStorage, c.get('caller'));
    const traceId = hexIdParameter(c.req.param('traceId'), 'traceId', TRACE_ID_HEX_LENGTH);
    const [spans, genai, scores] = await Promise.all([
      querySpans(storage, traceId),
      queryGenaiFields(storage, traceId),
      queryScores(storage, traceId),
    ]);
    if (spans.length === 0) throw new NotFoundError(`no spans of trace ${traceId} are stored`);
    return c.json(buildTraceView(traceId, spans, genai, scores));
  });
  routes.onError(jsonErrorResponse);
  return routes;
}
