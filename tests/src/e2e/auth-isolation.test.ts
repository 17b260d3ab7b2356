import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createProjectKey, otlpLogExport, otlpSpanExport, withKey } from '../support/auth-keys.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

/** Everything project alpha stores carries this marker, so any leak shows in a response body. */
const ALPHA = 'alpha-secret';
const ALPHA_TRACE = 'aa'.repeat(16);
const BETA_TRACE = 'bb'.repeat(16);
const SHARED_RUN = 'shared-run';

describe('projects: one key cannot write into or read from another project', () => {
  let collector: TestCollector;
  let alpha: string;
  let beta: string;

  const post = async (path: string, key: string, body: unknown) => {
    const response = await fetch(`${collector.url}${path}`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...withKey(key) },
    });
    assert.ok(response.ok, `${path}: ${response.status} ${await response.clone().text()}`);
    return response;
  };
  const getJson = async (path: string, key: string) => {
    const response = await fetch(`${collector.url}${path}`, { headers: withKey(key) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  /** A /clickhouse query with `key`, as Grafana or curl sends it. */
  const sql = async (key: string, query: string, parameters: Record<string, string> = {}) => {
    const url = new URL(`${collector.url}/clickhouse/`);
    for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
    const response = await fetch(url, { method: 'POST', body: query, headers: { 'x-api-key': key } });
    return { status: response.status, text: await response.text() };
  };

  before(async () => {
    collector = await startTestCollector({ RAGTRACE_AUTH: 'required' });
    alpha = await createProjectKey(collector.dataDir, 'alpha');
    beta = await createProjectKey(collector.dataDir, 'beta');
    // Alpha claims to be beta in its resource: the collector must not believe it.
    await post('/v1/traces', alpha, otlpSpanExport(ALPHA_TRACE, ALPHA, 'beta'));
    await post('/v1/logs', alpha, otlpLogExport(ALPHA_TRACE, ALPHA, 'beta'));
    await post('/api/scores', alpha, { name: ALPHA, value: 1, traceId: ALPHA_TRACE });
    await post('/api/runs', alpha, { id: SHARED_RUN, name: ALPHA, experiment: ALPHA });
    await post('/v1/traces', beta, otlpSpanExport(BETA_TRACE, 'beta-span'));
    await post('/v1/logs', beta, otlpLogExport(BETA_TRACE, 'beta-log'));
    // Beta scores alpha's trace: the score is beta's, and alpha never sees it.
    await post('/api/scores', beta, { name: 'beta-score', value: 2, traceId: ALPHA_TRACE });
    await post('/api/runs', beta, { id: SHARED_RUN, name: 'beta-run', experiment: 'beta-experiment' });
  });
  after(() => collector.stop());

  it("stamps the key's project on spans and logs, overriding the project the client sent", async () => {
    const spans = await sql(
      alpha,
      "SELECT SpanName, ResourceAttributes['ragtrace.project'] FROM otel_traces",
    );
    assert.equal(spans.text, `${ALPHA}\talpha\n`);
    // The score posted through /api/scores is a log record too, stamped alike.
    const logs = await sql(
      alpha,
      "SELECT EventName, Body, ResourceAttributes['ragtrace.project'] FROM otel_logs ORDER BY Body",
    );
    assert.equal(logs.text, `gen_ai.evaluation.result\t\talpha\n\t${ALPHA}\talpha\n`);
    const scores = await sql(alpha, 'SELECT Name, Project FROM genai_scores');
    assert.equal(scores.text, `${ALPHA}\talpha\n`);
    const genai = await sql(alpha, 'SELECT SpanName, Project FROM genai_spans');
    assert.equal(genai.text, `${ALPHA}\talpha\n`);
  });

  it("keeps each project's spans, logs, scores and runs to itself through /api", async () => {
    assert.equal((await getJson(`/api/traces/${ALPHA_TRACE}`, beta)).status, 404);
    const alphaTrace = await getJson(`/api/traces/${ALPHA_TRACE}`, alpha);
    assert.equal(alphaTrace.status, 200);
    assert.ok(
      !JSON.stringify(alphaTrace.body).includes('beta-score'),
      "beta's score is not on alpha's trace",
    );
    assert.ok(JSON.stringify(alphaTrace.body).includes(ALPHA));

    const betaRuns = await getJson('/api/runs', beta);
    assert.ok(!JSON.stringify(betaRuns.body).includes(ALPHA));
    // The same run id in two projects is two runs: neither replaces the other.
    const alphaRun = await getJson(`/api/runs/${SHARED_RUN}`, alpha);
    const betaRun = await getJson(`/api/runs/${SHARED_RUN}`, beta);
    assert.equal((alphaRun.body['run'] as { name: string }).name, ALPHA);
    assert.equal((betaRun.body['run'] as { name: string }).name, 'beta-run');
    assert.ok(!JSON.stringify(betaRun.body).includes(ALPHA));
  });

  it('shows every table only its own rows, however the SQL reaches them', async () => {
    const filtered = [
      'SELECT SpanName FROM otel_traces',
      'SELECT SpanName FROM otel.otel_traces FORMAT JSON',
      'SELECT * FROM (SELECT SpanName FROM `otel`."otel_traces")',
      'SELECT a.SpanName, b.Body FROM otel_traces AS a LEFT JOIN otel_logs AS b ON a.TraceId = b.TraceId',
      'SELECT SpanName FROM otel_traces UNION ALL SELECT Body FROM otel_logs UNION ALL SELECT Name FROM genai_scores',
      'WITH t AS (SELECT SpanName FROM otel_traces) SELECT * FROM t',
      'SELECT (SELECT groupArray(SpanName) FROM otel_traces), (SELECT groupArray(Body) FROM otel_logs)',
      "SELECT count() FROM otel_traces WHERE TraceId IN (SELECT TraceId FROM otel_traces WHERE SpanName = 'alpha-secret')",
      'SELECT SpanName FROM view(SELECT * FROM otel.otel_traces)',
      'SELECT * FROM genai_spans',
      'SELECT * FROM genai_scores',
      'SELECT * FROM genai_runs FINAL',
      'SELECT * FROM genai_retrieved_documents',
      'SELECT TraceId FROM otel_traces_trace_id_ts',
      'SELECT * FROM otel_traces INTERSECT SELECT * FROM otel_traces',
    ];
    for (const query of filtered) {
      const result = await sql(beta, query);
      assert.equal(result.status, 200, `${query}: ${result.text}`);
      assert.ok(!result.text.includes(ALPHA), `${query} leaked: ${result.text}`);
    }
    const byParameter = await sql(beta, 'SELECT SpanName FROM {t:Identifier}', { param_t: 'otel_traces' });
    assert.equal(byParameter.text, 'beta-span\n');
    assert.equal((await sql(beta, 'SELECT count() FROM otel_traces')).text, '1\n');
  });

  it('refuses SQL that would get around the project filter, with 403', async () => {
    const refused: Array<[string, Record<string, string>?]> = [
      ["SELECT SpanName FROM merge('otel', '^otel_traces$')"],
      ["SELECT SpanName FROM remote('127.0.0.1', otel.otel_traces)"],
      ["SELECT SpanName FROM cluster('default', otel, otel_traces)"],
      ["SELECT * FROM file('/etc/hostname', 'LineAsString')"],
      ["SELECT * FROM url('http://127.0.0.1:9/', 'LineAsString')"],
      ["SELECT file('/etc/hostname')"],
      ['SELECT query FROM system.query_log'],
      ['SELECT query FROM system.processes'],
      ['SELECT * FROM system.parts'],
      ['SELECT name FROM parts', { database: 'system' }],
      ['SELECT * FROM otel_traces_trace_id_ts_mv'],
      ['SELECT * FROM genai_spans_mv'],
      ["SELECT 1 WHERE 'x' IN otel_traces_trace_id_ts"],
      ["SELECT dictGet('otel.prices', 'x', 1)"],
      ['SHOW PROCESSLIST'],
      ['EXPLAIN SELECT SpanName FROM otel_traces'],
    ];
    for (const [query, parameters] of refused) {
      const result = await sql(beta, query, parameters);
      assert.equal(
        result.status,
        403,
        `${query} ${JSON.stringify(parameters ?? {})}: ${result.status} ${result.text}`,
      );
      assert.ok(!result.text.includes(ALPHA));
    }
    // Settings are an allow list: none of those that govern the filters is on it.
    for (const setting of [
      'additional_table_filters',
      'additional_result_filter',
      'use_query_cache',
      'compatibility',
    ]) {
      const result = await sql(beta, 'SELECT SpanName FROM otel_traces', {
        [setting]: setting === 'compatibility' ? '24.1' : '1',
      });
      assert.match(
        result.text,
        new RegExp(`^Code: 452\\. DB::Exception: Setting ${setting} is not accepted here`),
      );
      assert.ok(!result.text.includes(ALPHA));
    }
    const set = await sql(beta, "SET additional_table_filters = '{}'");
    assert.match(set.text, /^Code: 164\. .*\(READONLY\)/s, 'SET is a statement, not a read');
    // A SETTINGS clause is refused wherever it is: on top by the engine itself (every read runs
    // with readonly=1), in a subquery by the syntax tree's check.
    for (const query of [
      'SELECT SpanName FROM otel_traces SETTINGS additional_table_filters = {}',
      'SELECT * FROM (SELECT SpanName FROM otel_traces SETTINGS additional_table_filters = {})',
    ]) {
      const result = await sql(beta, query);
      assert.match(
        result.text,
        /Cannot modify 'additional_table_filters' setting in readonly mode\. \(READONLY\)|a SETTINGS clause .* is not accepted here/,
      );
      assert.ok(!result.text.includes(ALPHA));
    }
    // Several statements are refused before anything runs (ClickHouse's own rule, 400).
    const several = await sql(beta, 'SELECT 1; SELECT SpanName FROM otel_traces');
    assert.equal(several.status, 400);
  });

  it("reads a trace's bounds only from the spans its own project wrote", async () => {
    // Gamma sends one span, an hour later, under beta's trace id. Beta's bounds must not
    // stretch to it, and gamma must not learn when beta's trace started.
    const gamma = await createProjectKey(collector.dataDir, 'gamma');
    await post('/v1/traces', gamma, otlpSpanExport(BETA_TRACE, 'gamma-span', undefined, 1_700_003_600));
    const bounds = `SELECT toUnixTimestamp(min(Start)), toUnixTimestamp(max(End)) FROM otel_traces_trace_id_ts WHERE TraceId = '${BETA_TRACE}'`;
    assert.equal((await sql(beta, bounds)).text, '1700000000\t1700000000\n');
    assert.equal((await sql(gamma, bounds)).text, '1700003600\t1700003600\n');
    assert.equal((await sql(alpha, bounds)).text, '0\t0\n', 'no span of alpha is in that trace');
  });

  it('still lets a project key browse the schema, as Grafana does', async () => {
    const tables = await sql(
      beta,
      "SELECT name FROM system.tables WHERE database = 'otel' AND name = 'otel_traces'",
    );
    assert.equal(tables.text, 'otel_traces\n');
    assert.equal((await sql(beta, "SHOW TABLES FROM otel LIKE 'genai_runs'")).text, 'genai_runs\n');
    const columns = await sql(beta, "SELECT count() > 0 FROM system.columns WHERE table = 'genai_spans'");
    assert.equal(columns.text, '1\n');
    assert.equal((await sql(beta, 'SELECT count() > 0 FROM genai_model_prices')).text, '1\n');
  });
});

describe('with auth off', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector();
  });
  after(() => collector.stop());

  it('needs no key, stores everything under project default, and refuses file() all the same', async () => {
    const sent = await fetch(`${collector.url}/v1/traces`, {
      method: 'POST',
      body: otlpSpanExport(ALPHA_TRACE, 'open', 'someone-else'),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(sent.status, 200);
    const stored = await collector.sql.query({
      query: "SELECT ResourceAttributes['ragtrace.project'] AS project FROM otel.otel_traces",
      format: 'JSONEachRow',
    });
    assert.deepEqual(await stored.json(), [{ project: 'default' }]);
    const file = await fetch(
      `${collector.url}/clickhouse/?query=${encodeURIComponent("SELECT * FROM file('/etc/hostname')")}`,
    );
    assert.equal(file.status, 403);
  });
});
