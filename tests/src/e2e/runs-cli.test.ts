import { main } from '@ragtrace/collector';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { BASELINE_RUN, seedComparison, WIDE_RUN } from '../support/seed-runs.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function ragtrace(argv: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env,
  });
  return { code, stdout, stderr };
}

/** The line of `output` that starts with `prefix` (after indentation), split on runs of spaces. */
function cells(output: string, prefix: RegExp): string[] {
  const line = output.split('\n').find((candidate) => prefix.test(candidate.trim()));
  assert.ok(line !== undefined, `no line matching ${prefix} in:\n${output}`);
  return line.trim().split(/\s{2,}/);
}

describe('ragtrace runs', () => {
  let collector: TestCollector;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    collector = await startTestCollector();
    env = { RAGTRACE_HOST: '127.0.0.1', RAGTRACE_PORT: new URL(collector.url).port };
    await seedComparison(collector.url, collector.storage);
  });
  after(() => collector.stop());

  it('compares two runs: params side by side with differences marked, metrics with A, B and delta', async () => {
    const result = await ragtrace(['runs', 'compare', BASELINE_RUN.id, WIDE_RUN.id], env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    const out = result.stdout;
    assert.match(out, /^A: Run run-baseline \(baseline\) of experiment rag-eval/m);
    assert.match(out, /^B: Run run-wide \(wide-context\) of experiment rag-eval/m);

    assert.deepEqual(cells(out, /^model\b/), ['model', 'small', 'small'], 'an equal param is not marked');
    assert.deepEqual(cells(out, /^\* top_k\b/), ['* top_k', '3', '6']);
    assert.deepEqual(cells(out, /^\* temperature\b/), ['* temperature', '0.2', '0.7']);
    assert.deepEqual(cells(out, /^\* rerank_top_n\b/), ['* rerank_top_n', '-', '4']);

    assert.deepEqual(cells(out, /^generate\s+latency p95 ms/), [
      'generate',
      'latency p95 ms',
      '385.0',
      '610.0',
      '+225.0',
    ]);
    assert.deepEqual(cells(out, /^generate\s+latency p50 ms/), [
      'generate',
      'latency p50 ms',
      '250.0',
      '250.0',
      '0.0',
    ]);
    assert.deepEqual(cells(out, /^generate\s+error rate/), [
      'generate',
      'error rate',
      '25.0%',
      '0.0%',
      '-25.0%',
    ]);
    assert.deepEqual(cells(out, /^all\s+cost usd/), ['all', 'cost usd', '0.004000', '0.009000', '+0.005000']);
    assert.deepEqual(cells(out, /^all\s+input tokens/), ['all', 'input tokens', '400', '600', '+200']);
    assert.deepEqual(cells(out, /^rerank\s+latency p50 ms/), ['rerank', 'latency p50 ms', '-', '5.0', '-']);
    assert.deepEqual(cells(out, /^faithfulness\b/), ['faithfulness', '0.700', '0.900', '+0.200']);
  });

  it('prints the API answer with --json', async () => {
    const result = await ragtrace(['runs', 'compare', '--json', BASELINE_RUN.id, WIDE_RUN.id], env);
    assert.equal(result.code, 0, result.stderr);
    const answer = JSON.parse(result.stdout) as { totals: { spans: unknown } };
    assert.deepEqual(answer.totals.spans, { a: 6, b: 4, delta: -2 });
  });

  it('lists runs newest first and pages on with the cursor it prints', async () => {
    const first = await ragtrace(['runs', 'list', '--experiment', 'rag-eval', '--limit', '1'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(cells(first.stdout, /^STARTED/).slice(1, 6), [
      'RUN ID',
      'EXPERIMENT',
      'NAME',
      'STATUS',
      'TRACES',
    ]);
    const row = cells(first.stdout, /^\d{4}-\d\d-\d\d/);
    assert.deepEqual(row.slice(1, 10), [
      'run-wide',
      'rag-eval',
      'wide-context',
      'running',
      '3',
      '4',
      '1',
      '900',
      '0.009000',
    ]);
    assert.equal(row[10], 'faithfulness=0.900; tone=polite 1');
    const more = /^More: ragtrace (runs list .*)$/m.exec(first.stdout);
    assert.ok(more, first.stdout);

    const second = await ragtrace(more[1]!.split(' '), env);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /run-baseline/);
    assert.doesNotMatch(second.stdout, /run-wide|More:/);
  });

  it('shows one run with its params, stages and scores', async () => {
    const result = await ragtrace(['runs', 'show', BASELINE_RUN.id], env);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(cells(result.stdout, /^top_k\b/), ['top_k', '3']);
    assert.deepEqual(cells(result.stdout, /^generate\b/), [
      'generate',
      '4',
      '25.0%',
      '250.0',
      '385.0',
      '400',
      '200',
      '0.004000',
    ]);
    assert.deepEqual(cells(result.stdout, /^retrieve\b/).slice(0, 5), [
      'retrieve',
      '2',
      '0.0%',
      '20.0',
      '29.0',
    ]);
    assert.deepEqual(cells(result.stdout, /^relevance\b/), ['relevance', '1.000', '1']);
    assert.match(
      result.stdout,
      /Totals: traces 2, spans 6, errors 1 \(16\.7%\), tokens 400 in \+ 200 out, cost 0\.004000 USD/,
    );
  });

  it('exits 1 with the collector message for an unknown run', async () => {
    const result = await ragtrace(['runs', 'show', 'no-such-run'], env);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'ragtrace runs: no run with id no-such-run\n');
  });

  it('exits 2 on a wrong command line or an unreachable collector', async () => {
    const missing = await ragtrace(['runs', 'compare', BASELINE_RUN.id], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^ragtrace runs: compare takes two run ids, got 1\n\nUsage: ragtrace runs/);
    const unknown = await ragtrace(['runs', 'delete', BASELINE_RUN.id], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "delete"/);

    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const down = await ragtrace(['runs', 'list', '--url', `http://127.0.0.1:${port}`], {});
    assert.equal(down.code, 2);
    assert.equal(
      down.stderr,
      `ragtrace runs: cannot reach the collector at http://127.0.0.1:${port} — is it running? (npm start)\n`,
    );
  });
});
