import { runDemo } from '@ragtrace/demo';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

describe('ragtrace demo → collector → SQL', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector();
  });
  after(() => collector.stop());

  it('stores embeddings, retrieval, rerank, chat and execute_tool spans for both configurations', async () => {
    await runDemo({ endpoint: collector.url, log: () => {} });
    const result = await collector.sql.query({
      query: `SELECT SpanAttributes['gen_ai.operation.name'] AS op, count() AS n
              FROM otel.otel_traces GROUP BY op ORDER BY op`,
      format: 'JSONEachRow',
    });
    const counts = new Map(
      (await result.json<{ op: string; n: string }>()).map((row) => [row.op, Number(row.n)]),
    );
    for (const op of ['embeddings', 'retrieval', 'rerank', 'chat', 'execute_tool']) {
      assert.ok((counts.get(op) ?? 0) > 0, `no ${op} spans; got ${JSON.stringify([...counts])}`);
    }

    const tokens = await collector.sql.query({
      query: `SELECT count() AS n FROM otel.otel_traces
              WHERE SpanAttributes['gen_ai.operation.name'] = 'chat'
                AND toUInt64OrZero(SpanAttributes['gen_ai.usage.input_tokens']) > 0
                AND toUInt64OrZero(SpanAttributes['gen_ai.usage.output_tokens']) > 0`,
      format: 'JSONEachRow',
    });
    const [row] = await tokens.json<{ n: string }>();
    assert.equal(Number(row!.n), counts.get('chat'), 'every chat span carries token usage');
  });

  it('fills genai_spans with stage, model, tokens and cost, and genai_scores for both runs', async () => {
    const spans = await collector.sql.query({
      query: `SELECT Stage, RequestModel, sum(InputTokens) AS input, sum(OutputTokens) AS output,
                     countIf(CostUsd > 0) AS priced, count() AS n
              FROM otel.genai_spans WHERE Stage = 'generate' GROUP BY Stage, RequestModel ORDER BY RequestModel`,
      format: 'JSONEachRow',
    });
    const generate = await spans.json<{
      RequestModel: string;
      input: string;
      output: string;
      priced: string;
      n: string;
    }>();
    assert.deepEqual(
      generate.map((row) => row.RequestModel),
      ['gpt-4o', 'gpt-4o-mini'],
    );
    for (const row of generate) {
      assert.ok(Number(row.input) > 0 && Number(row.output) > 0, `${row.RequestModel}: tokens`);
      assert.equal(Number(row.priced), Number(row.n), `${row.RequestModel}: every generate span has a cost`);
    }

    const scores = await collector.sql.query({
      query: `SELECT r.RunName AS run, s.Name AS name, count() AS n
              FROM otel.genai_scores AS s INNER JOIN (SELECT RunId, RunName FROM otel.genai_runs FINAL) AS r USING (RunId)
              GROUP BY run, name ORDER BY run, name`,
      format: 'JSONEachRow',
    });
    const perRun = (await scores.json<{ run: string; name: string; n: string }>()).map(
      (row) => `${row.run}/${row.name}=${row.n}`,
    );
    assert.deepEqual(perRun, [
      'baseline/answer_relevance=8',
      'baseline/answer_status=8',
      'wide-context/answer_relevance=8',
      'wide-context/answer_status=8',
    ]);
  });

  it('lists every retrieved and reranked document with its rank and score in genai_retrieved_documents', async () => {
    const result = await collector.sql.query({
      query: `SELECT d.Stage AS stage, d.DataSourceId AS source, r.RunName AS run, max(d.Rank) AS deepest,
                     count() AS documents, countIf(d.Score IS NULL) AS unscored
              FROM otel.genai_retrieved_documents AS d
              INNER JOIN (SELECT RunId, RunName FROM otel.genai_runs FINAL) AS r USING (RunId)
              GROUP BY stage, source, run ORDER BY stage, run`,
      format: 'JSONEachRow',
    });
    const rows = (await result.json<Record<string, string | number>>()).map(
      (row) =>
        `${row['stage']} ${row['source']} ${row['run']}: deepest ${row['deepest']}, ${row['documents']} docs, ${row['unscored']} unscored`,
    );
    // 8 questions per run; the baseline retrieves 3 and keeps 3, wide-context retrieves 6 and keeps 4.
    assert.deepEqual(rows, [
      'rerank  baseline: deepest 3, 24 docs, 0 unscored',
      'rerank  wide-context: deepest 4, 32 docs, 0 unscored',
      'retrieve halcyon-docs baseline: deepest 3, 24 docs, 0 unscored',
      'retrieve halcyon-docs wide-context: deepest 6, 48 docs, 0 unscored',
    ]);
  });
});
