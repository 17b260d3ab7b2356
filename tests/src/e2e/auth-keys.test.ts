import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '@ragtrace/collector';
import {
  createProjectKey,
  otlpLogExport,
  otlpSpanExport,
  ragtraceKeys,
  withKey,
} from '../support/auth-keys.js';
import { recordFixtureSpans } from '../support/span-fixtures.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

const TRACE_ID = 'a1'.repeat(16);
const JSON_TYPE = { 'content-type': 'application/json' };

describe('API keys on a collector with RAGTRACE_AUTH=required', () => {
  let collector: TestCollector;
  let writer: string;
  let reader: string;
  before(async () => {
    collector = await startTestCollector({ RAGTRACE_AUTH: 'required' });
    writer = await createProjectKey(collector.dataDir, 'alpha', 'ingest');
    reader = await createProjectKey(collector.dataDir, 'alpha', 'read');
  });
  after(() => collector.stop());

  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${collector.url}${path}`, { method: 'POST', body, headers: { ...JSON_TYPE, ...headers } });
  const clickhouse = (headers: Record<string, string>) =>
    fetch(`${collector.url}/clickhouse/?query=${encodeURIComponent('SELECT 1')}`, { headers });

  it('answers 401 with a Bearer challenge, and no Retry-After, to requests without a key or with a wrong one', async () => {
    const wrong = 'rtk_' + 'x'.repeat(43);
    const attempts: Array<[string, Promise<Response>]> = [];
    for (const headers of [
      {},
      withKey(wrong),
      { 'x-api-key': wrong },
      { authorization: 'Basic dXNlcjpwYXNz' },
    ]) {
      attempts.push(
        ['/v1/traces', post('/v1/traces', otlpSpanExport(TRACE_ID, 'refused'), headers)],
        ['/v1/logs', post('/v1/logs', otlpLogExport(TRACE_ID, 'refused'), headers)],
        ['/api/runs', fetch(`${collector.url}/api/runs`, { headers })],
        ['/api/traces', fetch(`${collector.url}/api/traces/${TRACE_ID}`, { headers })],
        [
          '/api/scores',
          post('/api/scores', JSON.stringify({ name: 'x', value: 1, traceId: TRACE_ID }), headers),
        ],
        ['/clickhouse', clickhouse(headers)],
      );
    }
    for (const [path, attempt] of attempts) {
      const response = await attempt;
      assert.equal(response.status, 401, path);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="ragtrace"', path);
      assert.equal(response.headers.get('retry-after'), null, path);
      await response.arrayBuffer();
    }
  });

  it('answers 403 to a valid key used for what it has no right to', async () => {
    const refused = [
      await post('/v1/traces', otlpSpanExport(TRACE_ID, 'read-key-writes'), withKey(reader)),
      await post('/v1/logs', otlpLogExport(TRACE_ID, 'read-key-writes'), { 'x-api-key': reader }),
      await post('/api/scores', JSON.stringify({ name: 'x', value: 1, traceId: TRACE_ID }), withKey(reader)),
      await fetch(`${collector.url}/api/runs`, { headers: withKey(writer) }),
      await clickhouse({ 'x-api-key': writer }),
      // Prices are shared by every project: changing them takes the admin right.
      await fetch(`${collector.url}/api/prices`, {
        method: 'PUT',
        body: JSON.stringify({ provider: 'openai', modelPattern: 'x', inputPerToken: 1, outputPerToken: 1 }),
        headers: { ...JSON_TYPE, ...withKey(writer) },
      }),
    ];
    for (const response of refused) {
      assert.equal(response.status, 403, response.url);
      assert.equal(response.headers.get('retry-after'), null);
      await response.arrayBuffer();
    }
    const ok = await post('/v1/traces', otlpSpanExport(TRACE_ID, 'write-key-writes'), withKey(writer));
    assert.equal(ok.status, 200);
    const read = await clickhouse(withKey(reader));
    assert.equal(read.status, 200);
    assert.equal(await read.text(), '1\n');
  });

  it('lets `ragtrace sql` query with the key in RAGTRACE_API_KEY', async () => {
    const run = async (env: NodeJS.ProcessEnv) => {
      let stdout = '';
      const status = await main(['sql', '--url', collector.url, '--format', 'TSV', 'SELECT 3'], {
        stdout: (text) => (stdout += text),
        stderr: () => {},
        env,
      });
      return { status, stdout };
    };
    assert.deepEqual(await run({ RAGTRACE_API_KEY: reader }), { status: 0, stdout: '3\n' });
    assert.notEqual((await run({})).status, 0);
  });

  it('lets `ragtrace demo`, `runs` and `prices` work with the key in RAGTRACE_API_KEY', async () => {
    const key = await createProjectKey(collector.dataDir, 'demo-project', 'ingest,read');
    const run = async (args: string[], env: NodeJS.ProcessEnv) => {
      let stdout = '';
      let stderr = '';
      const status = await main(args, {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
        env,
      });
      return { status, stdout, stderr };
    };
    const demo = await run(['demo', '--endpoint', collector.url], { RAGTRACE_API_KEY: key });
    assert.equal(demo.status, 0, demo.stderr);
    const summary = JSON.parse(demo.stdout.trim().split('\n').at(-1)!) as {
      configurations: { spansFailed: number; spansExported: number }[];
    };
    for (const configuration of summary.configurations) {
      assert.equal(configuration.spansFailed, 0);
      assert.ok(configuration.spansExported > 0);
    }

    const runs = await run(['runs', 'list', '--url', collector.url, '--json'], { RAGTRACE_API_KEY: key });
    assert.equal(runs.status, 0, runs.stderr);
    const listed = JSON.parse(runs.stdout) as { runs: { experiment: string }[] };
    assert.deepEqual(
      listed.runs.map((r) => r.experiment),
      ['ragtrace-demo', 'ragtrace-demo'],
      "the demo's two runs, stored under the key's project",
    );
    assert.equal((await run(['runs', 'list', '--url', collector.url], {})).status === 0, false);
    const prices = await run(['prices', 'list', '--url', collector.url, '--json'], { RAGTRACE_API_KEY: key });
    assert.equal(prices.status, 0, prices.stderr);
  });

  it('makes the OTel exporter give up on a 401 at once: one request, no retries', async () => {
    const spans = await recordFixtureSpans('auth-retry');
    const requestsBefore = await unauthorizedTraceRequests(collector.url);
    const exporter = new OTLPTraceExporter({
      url: `${collector.url}/v1/traces`,
      headers: { 'x-api-key': 'rtk_wrong' },
    });
    try {
      const result = await new Promise<{ code: number }>((resolve) => exporter.export(spans, resolve));
      assert.equal(result.code, ExportResultCode.FAILED);
    } finally {
      await exporter.shutdown();
    }
    assert.equal((await unauthorizedTraceRequests(collector.url)) - requestsBefore, 1);
  });

  it('accepts a key created while the collector runs, and refuses it once revoked, without a restart', async () => {
    const key = await createProjectKey(collector.dataDir, 'beta');
    const sent = await post('/v1/traces', otlpSpanExport(TRACE_ID, 'hot-key'), withKey(key));
    assert.equal(sent.status, 200);

    const listed = await ragtraceKeys(collector.dataDir, 'list', '--json');
    const entry = (JSON.parse(listed.stdout) as Array<{ id: string; project: string }>).find(
      (each) => each.project === 'beta',
    );
    assert.ok(entry, 'the new key is listed');
    assert.equal((await ragtraceKeys(collector.dataDir, 'revoke', entry.id)).status, 0);

    const refused = await post('/v1/traces', otlpSpanExport(TRACE_ID, 'revoked-key'), withKey(key));
    assert.equal(refused.status, 401);
    await refused.arrayBuffer();
  });
});

describe('ragtrace keys', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector({ RAGTRACE_AUTH: 'required' });
  });
  after(() => collector.stop());

  it('prints a key once, stores only its hash, and lists and revokes keys without secrets', async () => {
    const created = await ragtraceKeys(collector.dataDir, 'create', '--project', 'gamma', '--rights', 'read');
    assert.equal(created.status, 0);
    const key = created.stdout.trim();
    assert.match(key, /^rtk_[A-Za-z0-9_-]{43}$/);
    assert.match(created.stderr, /only time the key is shown/);

    const file = await readFile(join(collector.dataDir, 'keys.json'), 'utf8');
    assert.ok(!file.includes(key), 'the key file does not hold the key');
    const [stored] = (
      JSON.parse(file) as { keys: Array<{ id: string; project: string; hash: string; rights: string[] }> }
    ).keys;
    assert.deepEqual([stored?.project, stored?.rights], ['gamma', ['read']]);
    assert.match(stored?.hash ?? '', /^[0-9a-f]{64}$/);

    const listed = await ragtraceKeys(collector.dataDir, 'list');
    assert.match(listed.stdout, new RegExp(`${stored?.id}\\s+gamma\\s+read`));
    assert.ok(!listed.stdout.includes(stored?.hash ?? '-'), 'the listing leaves hashes out');

    const response = await fetch(`${collector.url}/clickhouse/?query=SELECT%202`, { headers: withKey(key) });
    assert.equal(await response.text(), '2\n');

    assert.equal((await ragtraceKeys(collector.dataDir, 'revoke', stored?.id ?? '')).status, 0);
    assert.equal((await ragtraceKeys(collector.dataDir, 'revoke', stored?.id ?? '')).status, 1);
    assert.equal((await ragtraceKeys(collector.dataDir, 'list')).stdout, 'No keys.\n');
  });

  it('refuses a bad project name or right, naming the flag', async () => {
    const badProject = await ragtraceKeys(collector.dataDir, 'create', '--project', 'a b');
    assert.equal(badProject.status, 2);
    assert.match(badProject.stderr, /--project/);
    const badRight = await ragtraceKeys(
      collector.dataDir,
      'create',
      '--project',
      'ok',
      '--rights',
      'read,root',
    );
    assert.equal(badRight.status, 2);
    assert.match(badRight.stderr, /--rights.*ingest, read, admin/);
  });
});

/** `ragtrace_http_requests_total` for 401 answers of /v1/traces, from the collector's /metrics. */
async function unauthorizedTraceRequests(collectorUrl: string): Promise<number> {
  const text = await (await fetch(`${collectorUrl}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (each) =>
        each.startsWith('ragtrace_http_requests_total{') &&
        each.includes('"/v1/traces"') &&
        each.includes('status="401"'),
    );
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}
