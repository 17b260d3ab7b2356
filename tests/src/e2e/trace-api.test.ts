import { generate, retrieve, setupTracing, startRun, workflow } from '@ragtrace/sdk';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { requestJson, seedScores } from '../support/seed-runs.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

interface SpanNode {
  spanId: string;
  parentSpanId: string;
  name: string;
  durationMs: number;
  statusCode: string;
  attributes: Record<string, string>;
  genai: {
    stage: string;
    requestModel: string;
    inputTokens: number | null;
    outputTokens: number | null;
    costUsd: number | null;
    runId: string;
    experiment: string;
    dataSourceId: string;
    topK: number | null;
  } | null;
  scores: { name: string; value: number | null; label: string }[];
  children: SpanNode[];
}

interface TraceJson {
  traceId: string;
  spanCount: number;
  spans: SpanNode[];
  scores: { name: string; value: number | null; spanId: string }[];
}

describe('GET /api/traces/:traceId', () => {
  let collector: TestCollector;
  let traceId: string;
  let runId: string;

  before(async () => {
    collector = await startTestCollector();
    const tracing = setupTracing({
      serviceName: 'trace-api-test',
      endpoint: collector.url,
      protocol: 'http/json',
    });
    const run = startRun({ experiment: 'trace-view', name: 'one-question' });
    runId = run.id;
    traceId = await run.within(() =>
      workflow({ name: 'answer-question' }, async (span) => {
        await retrieve({ dataSource: 'faq', topK: 4 }, async () => ['doc-1', 'doc-2']);
        await generate({ model: 'gpt-4o-mini', provider: 'openai' }, async (chat) => {
          chat.setUsage({ inputTokens: 1200, outputTokens: 300 });
          return 'an answer';
        });
        return span.span.spanContext().traceId;
      }),
    );
    await run.end();
    await tracing.shutdown();
  });
  after(() => collector.stop());

  it('nests the spans of a trace with their GenAI fields and scores', async () => {
    const first = await requestJson<TraceJson>(`${collector.url}/api/traces/${traceId}`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const generateSpan = first.body.spans[0]!.children.find((child) => child.genai?.stage === 'generate')!;
    await seedScores(collector.storage, [
      { traceId, spanId: generateSpan.spanId, runId, name: 'faithfulness', value: 0.75 },
      { traceId, runId, name: 'helpfulness', value: null, label: 'helpful' },
    ]);

    const { body } = await requestJson<TraceJson>(`${collector.url}/api/traces/${traceId.toUpperCase()}`);
    assert.equal(body.traceId, traceId);
    assert.equal(body.spanCount, 3);
    assert.equal(body.spans.length, 1);
    const [root] = body.spans;
    assert.equal(root!.name, 'invoke_workflow answer-question');
    assert.equal(root!.parentSpanId, '');
    assert.equal(root!.genai?.stage, 'workflow');
    assert.equal(root!.genai?.runId, runId);
    assert.deepEqual(
      root!.children.map((child) => child.genai?.stage),
      ['retrieve', 'generate'],
      'children in start order',
    );
    for (const child of root!.children) assert.equal(child.parentSpanId, root!.spanId);

    const [retrieval, chat] = root!.children;
    assert.equal(retrieval!.genai?.dataSourceId, 'faq');
    assert.equal(retrieval!.genai?.topK, 4);
    assert.equal(chat!.genai?.requestModel, 'gpt-4o-mini');
    assert.equal(chat!.genai?.inputTokens, 1200);
    assert.equal(chat!.genai?.outputTokens, 300);
    assert.equal(chat!.genai?.experiment, 'trace-view');
    assert.ok((chat!.genai?.costUsd ?? 0) > 0, 'priced from the model price table');
    assert.equal(chat!.attributes['gen_ai.request.model'], 'gpt-4o-mini');
    assert.ok(chat!.durationMs >= 0);
    assert.deepEqual(
      chat!.scores.map((score) => [score.name, score.value]),
      [['faithfulness', 0.75]],
    );
    assert.deepEqual(
      body.scores.map((score) => [score.name, score.value, score.spanId]),
      [['helpfulness', null, '']],
    );
  });
});
