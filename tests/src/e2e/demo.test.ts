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
});
