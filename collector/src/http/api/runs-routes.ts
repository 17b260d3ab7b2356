import { Hono, type Context } from 'hono';
import { projectStorage } from '../../auth/project-storage.js';
import { bodyLimit } from 'hono/body-limit';
import { compareRuns } from '../../runs/compare-runs.js';
import { parseRunEnd, parseRunId, parseRunStart } from '../../runs/parse-run-request.js';
import { listRunSummaries, loadRunDetails } from '../../runs/run-details.js';
import { RunStore } from '../../runs/run-store.js';
import type { Storage } from '../../storage/storage.js';
import { PayloadTooLargeError } from '../http-errors.js';
import { InvalidParameterError } from '../../errors/request-errors.js';
import { jsonErrorResponse } from './json-error-handler.js';
import { integerParameter, jsonBody } from './request-parameters.js';

export interface RunsRoutesOptions {
  storage: Storage;
}

/** A run record with hundreds of params is a few hundred kilobytes at most. */
const MAX_RUN_BODY_BYTES = 1024 * 1024;
const LIST_LIMIT = { min: 1, max: 1000, default: 50 };
const MAX_EXPERIMENT_LENGTH = 256;

/**
 * Runs (experiment tracking), mounted at `/api/runs`.
 *
 * Runs are written as JSON records rather than as OTLP: a run is not a span (it has no parent,
 * may outlive any trace, and its params are a map ClickHouse should keep as one), and an
 * idempotent start plus an end keyed by the run id is the whole protocol, which any tool that
 * is not an OpenTelemetry SDK (a notebook, a CI job, curl) can speak.
 *
 * - `POST /` starts a run (idempotent by id: a resent start returns the stored run, 200; a new one 201)
 * - `POST /:id/end` ends it (`{ status, endTime }`; the first end wins)
 * - `GET /?experiment=&limit=&cursor=` newest first, with totals and score means
 * - `GET /compare?ids=A,B` B against A
 * - `GET /:id` one run with per-stage metrics and score means
 */
export function createRunsRoutes({ storage: sharedStorage }: RunsRoutesOptions): Hono {
  // Per request: each caller reads and writes its own project's runs (auth/project-storage.ts).
  const storageOf = (c: Context) => projectStorage(sharedStorage, c.get('caller'));
  const limitBody = bodyLimit({
    maxSize: MAX_RUN_BODY_BYTES,
    onError: () => {
      throw new PayloadTooLargeError(`body exceeds the ${MAX_RUN_BODY_BYTES}-byte limit`);
    },
  });
  const routes = new Hono();

  routes.post('/', limitBody, async (c) => {
    const record = parseRunStart(await jsonBody(c), new Date());
    const { run, created } = await new RunStore(storageOf(c)).start(record);
    return c.json({ run }, created ? 201 : 200);
  });

  routes.post('/:id/end', limitBody, async (c) => {
    const id = parseRunId(c.req.param('id'), 'id');
    const run = await new RunStore(storageOf(c)).end(id, parseRunEnd(await jsonBody(c), new Date()));
    return c.json({ run });
  });

  routes.get('/', async (c) => {
    const experiment = c.req.query('experiment');
    if (experiment !== undefined && (experiment === '' || experiment.length > MAX_EXPERIMENT_LENGTH)) {
      throw new InvalidParameterError('experiment', `expected 1 to ${MAX_EXPERIMENT_LENGTH} characters`);
    }
    const limit = integerParameter(c.req.query('limit'), 'limit', LIST_LIMIT);
    const cursor = c.req.query('cursor');
    const storage = storageOf(c);
    return c.json(await listRunSummaries(storage, new RunStore(storage), { experiment, limit, cursor }));
  });

  routes.get('/compare', async (c) => {
    const storage = storageOf(c);
    const [a, b] = await loadRunDetails(storage, new RunStore(storage), comparedIds(c.req.query('ids')));
    return c.json(compareRuns(a!, b!));
  });

  routes.get('/:id', async (c) => {
    const storage = storageOf(c);
    const [details] = await loadRunDetails(storage, new RunStore(storage), [
      parseRunId(c.req.param('id'), 'id'),
    ]);
    return c.json(details);
  });

  routes.onError(jsonErrorResponse);
  return routes;
}

function comparedIds(raw: string | undefined): [string, string] {
  const ids = raw === undefined || raw === '' ? [] : raw.split(',');
  if (ids.length !== 2) {
    throw new InvalidParameterError(
      'ids',
      `expected two run ids separated by a comma (ids=A,B), got ${ids.length}`,
    );
  }
  const [a, b] = ids.map((id) => parseRunId(id, 'ids')) as [string, string];
  if (a === b) throw new InvalidParameterError('ids', 'expected two different runs');
  return [a, b];
}
