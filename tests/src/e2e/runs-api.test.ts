import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BASELINE_RUN,
  requestJson,
  seedComparison,
  traceId,
  WIDE_RUN,
  type JsonAnswer,
} from '../support/seed-runs.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

interface ApiError {
  error: { code: string; message: string };
}

interface RunJson {
  id: string;
  experiment: string;
  name: string;
  params: Record<string, string>;
  tags: Record<string, string>;
  dataset: { name: string; version: string } | null;
  gitCommit: string;
  serviceName: string;
  startTime: string;
  endTime: string | null;
  status: string;
}

interface Metric {
  a: number | null;
  b: number | null;
  delta: number | null;
}

interface ComparisonJson {
  a: RunJson;
  b: RunJson;
  params: { key: string; a: string | null; b: string | null; differs: boolean }[];
  totals: Record<string, Metric>;
  stages: { stage: string; metrics: Record<string, Metric> }[];
  scores: ({ name: string } & Metric)[];
}

function assertInvalid(answer: JsonAnswer, parameter: string, pattern?: RegExp): void {
  const { error } = answer.body as ApiError;
  assert.equal(answer.status, 400, JSON.stringify(answer.body));
  assert.equal(error.code, 'INVALID_PARAMETER');
  assert.ok(error.message.startsWith(`${parameter}: `), error.message);
  if (pattern) assert.match(error.message, pattern);
}

describe('runs API', () => {
  let collector: TestCollector;
  const api = (path: string) => `${collector.url}${path}`;

  before(async () => {
    collector = await startTestCollector();
  });
  after(() => collector.stop());

  describe('recording a run', () => {
    it('merges the start and end records into one run', async () => {
      const start = {
        id: 'merge-1',
        experiment: 'merging',
        name: 'first',
        params: { top_k: 5, temperature: 0.2, rerank: true },
        tags: { owner: 'search' },
        dataset: { name: 'faq', version: '2' },
        gitCommit: 'abc123',
        serviceName: 'support-bot',
        startTime: '2026-01-02T03:04:05.678Z',
      };
      const created = await requestJson<{ run: RunJson }>(api('/api/runs'), { body: start });
      assert.equal(created.status, 201);
      assert.deepEqual(created.body.run, {
        ...start,
        params: { top_k: '5', temperature: '0.2', rerank: 'true' },
        dataset: { name: 'faq', version: '2' },
        endTime: null,
        status: 'running',
      });

      // A resent start (a client retry) changes nothing, whatever it carries.
      const resent = await requestJson<{ run: RunJson }>(api('/api/runs'), {
        body: { ...start, name: 'other' },
      });
      assert.equal(resent.status, 200);
      assert.equal(resent.body.run.name, 'first');

      const ended = await requestJson<{ run: RunJson }>(api('/api/runs/merge-1/end'), {
        body: { status: 'failed', endTime: '2026-01-02T03:14:05.000Z' },
      });
      assert.equal(ended.status, 200);
      assert.equal(ended.body.run.status, 'failed');
      const again = await requestJson<{ run: RunJson }>(api('/api/runs/merge-1/end'), {
        body: { status: 'killed' },
      });
      assert.equal(again.body.run.status, 'failed', 'the first end wins');

      const stored = await requestJson<{ run: RunJson }>(api('/api/runs/merge-1'));
      assert.equal(stored.status, 200);
      assert.deepEqual(stored.body.run, {
        ...created.body.run,
        status: 'failed',
        endTime: '2026-01-02T03:14:05.000Z',
      });

      const rows = await collector.sql.query({
        query: `SELECT toUInt32((SELECT count() FROM otel.genai_runs WHERE RunId = 'merge-1')) AS written,
                       toUInt32((SELECT count() FROM otel.genai_runs FINAL WHERE RunId = 'merge-1')) AS merged,
                       (SELECT Status FROM otel.genai_runs FINAL WHERE RunId = 'merge-1') AS status`,
        format: 'JSONEachRow',
      });
      assert.deepEqual(await rows.json(), [{ written: 2, merged: 1, status: 'failed' }]);
    });

    it('starts a run at the time it is received when the record has none, and ends it now by default', async () => {
      const before = Date.now();
      await requestJson(api('/api/runs'), { body: { id: 'defaults-1', experiment: 'defaults' } });
      const { body } = await requestJson<{ run: RunJson }>(api('/api/runs/defaults-1/end'), {
        method: 'POST',
      });
      assert.equal(body.run.status, 'finished');
      assert.ok(Date.parse(body.run.startTime) >= before - 1);
      assert.ok(Date.parse(body.run.endTime!) >= Date.parse(body.run.startTime));
      assert.equal(body.run.name, '');
      assert.equal(body.run.dataset, null);
    });

    it('refuses malformed records with 400, naming the field', async () => {
      assertInvalid(
        await requestJson(api('/api/runs'), { body: { id: 'x' } }),
        'body.experiment',
        /required/,
      );
      assertInvalid(await requestJson(api('/api/runs'), { body: { id: 'a b', experiment: 'e' } }), 'body.id');
      assertInvalid(await requestJson(api('/api/runs'), { body: ['a'] }), 'body', /JSON object/);
      assertInvalid(await requestJson(api('/api/runs'), { rawBody: '{"id":' }), 'body', /not valid JSON/);
      assertInvalid(
        await requestJson(api('/api/runs'), {
          body: { id: 'p', experiment: 'e', params: { k: { nested: 1 } } },
        }),
        'body.params.k',
        /expected a string/,
      );
      assertInvalid(
        await requestJson(api('/api/runs'), { body: { id: 'p', experiment: 'e', startTime: 'yesterday' } }),
        'body.startTime',
        /ISO-8601/,
      );
      assertInvalid(
        await requestJson(api('/api/runs'), { body: { id: 'p', experiment: 'e', status: 'paused' } }),
        'body.status',
        /'running', 'finished', 'failed', 'killed'/,
      );
      await requestJson(api('/api/runs'), { body: { id: 'ending', experiment: 'e' } });
      assertInvalid(
        await requestJson(api('/api/runs/ending/end'), { body: { status: 'running' } }),
        'body.status',
        /'finished', 'failed', 'killed'/,
      );
    });

    it('answers 404 for a run it does not know', async () => {
      const missing = await requestJson<ApiError>(api('/api/runs/no-such-run'));
      assert.equal(missing.status, 404);
      assert.deepEqual(missing.body, { error: { code: 'NOT_FOUND', message: 'no run with id no-such-run' } });
      const ending = await requestJson<ApiError>(api('/api/runs/no-such-run/end'), {
        body: { status: 'finished' },
      });
      assert.equal(ending.status, 404);
    });
  });

  describe('listing runs', () => {
    before(async () => {
      for (let n = 1; n <= 5; n += 1) {
        await requestJson(api('/api/runs'), {
          body: { id: `page-${n}`, experiment: 'paging', startTime: `2025-06-0${n}T00:00:00.000Z` },
        });
      }
      await requestJson(api('/api/runs'), {
        body: { id: 'other-experiment', experiment: 'elsewhere', startTime: '2025-06-03T12:00:00.000Z' },
      });
    });

    it('pages through an experiment newest first until nextCursor is null', async () => {
      const seen: string[][] = [];
      let cursor: string | null | undefined;
      do {
        const query = new URLSearchParams({
          experiment: 'paging',
          limit: '2',
          ...(cursor ? { cursor } : {}),
        });
        const { status, body } = await requestJson<{ runs: RunJson[]; nextCursor: string | null }>(
          api(`/api/runs?${query}`),
        );
        assert.equal(status, 200);
        seen.push(body.runs.map((run) => run.id));
        cursor = body.nextCursor;
      } while (cursor !== null && seen.length < 10);
      assert.deepEqual(seen, [['page-5', 'page-4'], ['page-3', 'page-2'], ['page-1']]);
    });

    it('lists every experiment without a filter', async () => {
      const { body } = await requestJson<{ runs: RunJson[] }>(api('/api/runs?limit=1000'));
      const ids = body.runs.map((run) => run.id);
      assert.ok(ids.includes('other-experiment') && ids.includes('page-1'), ids.join());
      const starts = body.runs.map((run) => Date.parse(run.startTime));
      assert.deepEqual(
        starts,
        [...starts].sort((a, b) => b - a),
        'newest first',
      );
    });

    it('refuses bad list parameters with 400', async () => {
      assertInvalid(await requestJson(api('/api/runs?limit=0')), 'limit', /from 1 to 1000/);
      assertInvalid(await requestJson(api('/api/runs?limit=1001')), 'limit');
      assertInvalid(await requestJson(api('/api/runs?limit=ten')), 'limit');
      assertInvalid(await requestJson(api('/api/runs?cursor=bm90LWEtY3Vyc29y')), 'cursor');
      assertInvalid(await requestJson(api('/api/runs?experiment=')), 'experiment');
    });
  });

  describe('comparing runs', () => {
    before(() => seedComparison(collector.url, collector.storage));

    it('shows one run with totals, per-stage metrics and score means', async () => {
      const { status, body } = await requestJson<{
        run: RunJson;
        totals: Record<string, number | null>;
        stages: { stage: string; latencyP50Ms: number; latencyP95Ms: number; errorRate: number }[];
        scores: { name: string; mean: number | null; count: number }[];
      }>(api(`/api/runs/${BASELINE_RUN.id}`));
      assert.equal(status, 200);
      assert.equal(body.run.name, 'baseline');
      assert.deepEqual(body.totals, {
        traces: 2,
        spans: 6,
        errors: 1,
        errorRate: 0.1667,
        inputTokens: 400,
        outputTokens: 200,
        totalTokens: 600,
        costUsd: 0.004,
      });
      assert.deepEqual(
        body.stages.map((stage) => [stage.stage, stage.latencyP50Ms, stage.latencyP95Ms, stage.errorRate]),
        [
          ['retrieve', 20, 29, 0],
          ['generate', 250, 385, 0.25],
        ],
      );
      assert.deepEqual(body.scores, [
        { name: 'faithfulness', mean: 0.7, count: 2, labels: {} },
        { name: 'relevance', mean: 1, count: 1, labels: {} },
      ]);
    });

    it('compares params side by side and every metric with its delta B − A', async () => {
      const { status, body } = await requestJson<ComparisonJson>(
        api(`/api/runs/compare?ids=${BASELINE_RUN.id},${WIDE_RUN.id}`),
      );
      assert.equal(status, 200);
      assert.equal(body.a.id, BASELINE_RUN.id);
      assert.equal(body.b.id, WIDE_RUN.id);
      assert.deepEqual(body.params, [
        { key: 'model', a: 'small', b: 'small', differs: false },
        { key: 'rerank_top_n', a: null, b: '4', differs: true },
        { key: 'temperature', a: '0.2', b: '0.7', differs: true },
        { key: 'top_k', a: '3', b: '6', differs: true },
      ]);
      assert.deepEqual(body.totals['traces'], { a: 2, b: 3, delta: 1 });
      assert.deepEqual(body.totals['spans'], { a: 6, b: 4, delta: -2 });
      assert.deepEqual(body.totals['errorRate'], { a: 0.1667, b: 0.25, delta: 0.0833 });
      assert.deepEqual(body.totals['inputTokens'], { a: 400, b: 600, delta: 200 });
      assert.deepEqual(body.totals['outputTokens'], { a: 200, b: 300, delta: 100 });
      assert.deepEqual(body.totals['costUsd'], { a: 0.004, b: 0.009, delta: 0.005 });

      assert.deepEqual(
        body.stages.map((stage) => stage.stage),
        ['retrieve', 'rerank', 'generate'],
      );
      const generate = body.stages.find((stage) => stage.stage === 'generate')!.metrics;
      // Percentiles interpolate: p95 of 100/200/300/400 is 300 + 0.85 × 100; of 150/250/650, 250 + 0.9 × 400.
      assert.deepEqual(generate['latencyP50Ms'], { a: 250, b: 250, delta: 0 });
      assert.deepEqual(generate['latencyP95Ms'], { a: 385, b: 610, delta: 225 });
      assert.deepEqual(generate['errorRate'], { a: 0.25, b: 0, delta: -0.25 });
      assert.deepEqual(generate['spans'], { a: 4, b: 3, delta: -1 });
      assert.deepEqual(generate['costUsd'], { a: 0.004, b: 0.009, delta: 0.005 });
      const rerank = body.stages.find((stage) => stage.stage === 'rerank')!.metrics;
      assert.deepEqual(rerank['latencyP50Ms'], { a: null, b: 5, delta: null });
      assert.deepEqual(rerank['errorRate'], { a: null, b: 1, delta: null });

      assert.deepEqual(body.scores, [
        { name: 'faithfulness', a: 0.7, b: 0.9, delta: 0.2, labels: { a: {}, b: {} } },
        { name: 'relevance', a: 1, b: null, delta: null, labels: { a: {}, b: {} } },
        // A label-only evaluator has no mean; its label counts are what compare.
        { name: 'tone', a: null, b: null, delta: null, labels: { a: {}, b: { polite: 1 } } },
      ]);
    });

    it('refuses a comparison that is not of two different, known runs', async () => {
      assertInvalid(await requestJson(api('/api/runs/compare')), 'ids', /two run ids/);
      assertInvalid(await requestJson(api(`/api/runs/compare?ids=${BASELINE_RUN.id}`)), 'ids', /got 1/);
      assertInvalid(await requestJson(api('/api/runs/compare?ids=a,b,c')), 'ids', /got 3/);
      assertInvalid(
        await requestJson(api(`/api/runs/compare?ids=${BASELINE_RUN.id},${BASELINE_RUN.id}`)),
        'ids',
        /different/,
      );
      assertInvalid(await requestJson(api(`/api/runs/compare?ids=${BASELINE_RUN.id},`)), 'ids');
      const unknown = await requestJson<ApiError>(api(`/api/runs/compare?ids=${BASELINE_RUN.id},nope`));
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.message, 'no run with id nope');
    });
  });

  describe('a trace', () => {
    it('refuses an id that is not 32 hex digits, and answers 404 for a trace never stored', async () => {
      assertInvalid(await requestJson(api('/api/traces/xyz')), 'traceId', /32 hex digits/);
      assertInvalid(await requestJson(api(`/api/traces/${'0'.repeat(32)}`)), 'traceId');
      assertInvalid(await requestJson(api(`/api/traces/${'a'.repeat(33)}`)), 'traceId');
      const missing = await requestJson<ApiError>(api(`/api/traces/${traceId(0xdead)}`));
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'NOT_FOUND');
    });
  });
});
