import { main } from '@ragtrace/collector';
import { BASELINE, runDemo, WIDE_CONTEXT, type DemoSummary } from '@ragtrace/demo';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

async function ragtrace(
  argv: string[],
  collectorUrl: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main([...argv, '--url', collectorUrl], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
  });
  return { code, stdout, stderr };
}

/** The cells of the metrics line for `stage` and `metric`: STAGE, METRIC, A, B, DELTA. */
function metricLine(output: string, stage: string, metric: string): string[] {
  const line = output
    .split('\n')
    .find((candidate) => new RegExp(`^${stage}\\s+${metric}\\s`).test(candidate));
  assert.ok(line !== undefined, `no ${stage} ${metric} line in:\n${output}`);
  return line.split(/\s{2,}/);
}

describe('ragtrace demo → collector → ragtrace runs compare', () => {
  let collector: TestCollector;
  let summary: DemoSummary;
  before(async () => {
    collector = await startTestCollector();
    summary = await runDemo({ endpoint: collector.url, log: () => {} });
  });
  after(() => collector.stop());

  it('records the two configurations as two finished runs of one experiment', async () => {
    const list = await ragtrace(['runs', 'list', '--experiment', 'ragtrace-demo'], collector.url);
    assert.equal(list.code, 0, list.stderr);
    for (const configuration of summary.configurations) {
      const line = list.stdout.split('\n').find((candidate) => candidate.includes(configuration.runId));
      assert.ok(line, `${configuration.runId} listed in:\n${list.stdout}`);
      assert.match(
        line,
        new RegExp(`ragtrace-demo\\s+${configuration.name}\\s+finished\\s+${configuration.traces}\\s`),
      );
    }
  });

  it('compares them side by side: differing params marked, per-stage latency, tokens and cost with deltas', async () => {
    const [a, b] = summary.configurations;
    const result = await ragtrace(['runs', 'compare', a!.runId, b!.runId], collector.url);
    assert.equal(result.code, 0, result.stderr);
    const out = result.stdout;

    const param = (key: string) => out.split('\n').find((line) => line.slice(2).startsWith(`${key} `));
    assert.match(
      param('retrieval.top_k') ?? '',
      new RegExp(`^\\* retrieval\\.top_k\\s+${BASELINE.retrieval.topK}\\s+${WIDE_CONTEXT.retrieval.topK}$`),
    );
    assert.match(param('generation.model') ?? '', /^\* generation\.model\s+gpt-4o-mini\s+gpt-4o$/);
    assert.match(
      param('prompt.name') ?? '',
      /^ {2}prompt\.name\s+rag-answer\s+rag-answer$/,
      'equal params unmarked',
    );

    for (const stage of ['embed', 'retrieve', 'rerank', 'generate', 'tool', 'workflow']) {
      const [, , p50a, p50b, delta] = metricLine(out, stage, 'latency p50 ms');
      assert.match(p50a!, /^\d+\.\d$/, `${stage} has a p50 for A`);
      assert.match(p50b!, /^\d+\.\d$/, `${stage} has a p50 for B`);
      assert.match(delta!, /^[+-]?\d+\.\d$/, `${stage} has a delta`);
    }
    const [, , inputA, inputB] = metricLine(out, 'generate', 'input tokens');
    assert.ok(Number(inputA) > 0 && Number(inputB) > 0, 'generation tokens for both runs');
    const [, , errorsA, errorsB] = metricLine(out, 'tool', 'error rate');
    assert.notEqual(errorsA, '0.0%', 'the failed order lookup shows as tool errors');
    assert.notEqual(errorsB, '0.0%');
    assert.match(out, /^all\s+traces\s+\d+\s+\d+\s+0$/m);
    const [, , costA, costB, costDelta] = metricLine(out, 'generate', 'cost usd');
    assert.ok(Number(costA) > 0 && Number(costB) > 0, 'priced generation for both runs');
    assert.match(costDelta!, /^[+-]\d+\.\d{6}$/);
    assert.match(out, /^answer_relevance\s+0\.\d{3}\s+0\.\d{3}\s+[+-]?\d\.\d{3}$/m, 'numeric score means');
    assert.match(out, /^answer_status\s+answered \d+(, declined \d+)?\s+answered \d+/m, 'label counts');
  });
});
