import type { ClickHouseClient } from '@clickhouse/client';
import type { Span } from '@opentelemetry/api';
import { score, setupTracing, startRun, generate, type TracingHandle } from '@ragtrace/sdk';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

interface ScoreRow {
  TraceId: string;
  SpanId: string;
  RunId: string;
  Name: string;
  Value: number | null;
  Label: string;
  Source: string;
  Explanation: string;
}

async function scoresNamed(sql: ClickHouseClient, name: string): Promise<ScoreRow[]> {
  const result = await sql.query({
    query: `SELECT TraceId, SpanId, RunId, Name, Value, Label, Source, Explanation
            FROM otel.genai_scores WHERE Name = {name:String} ORDER BY Timestamp, Value`,
    query_params: { name },
    format: 'JSONEachRow',
  });
  return result.json<ScoreRow>();
}

for (const protocol of ['http/protobuf', 'http/json'] as const) {
  describe(`SDK score() over OTLP ${protocol} → collector → genai_scores`, () => {
    let collector: TestCollector;
    let tracing: TracingHandle;
    before(async () => {
      collector = await startTestCollector();
      tracing = setupTracing({ serviceName: 'score-e2e', endpoint: collector.url, protocol });
    });
    after(async () => {
      await tracing.shutdown();
      await collector.stop();
    });

    it('links a score of a stage span to that span, with every field', async () => {
      let answeredSpan: Span | undefined;
      await generate({ model: 'gpt-4o-mini', provider: 'openai' }, (span) => {
        answeredSpan = span.span;
        return 'an answer';
      });
      const { traceId, spanId } = answeredSpan!.spanContext();
      // Scored after the span ended, as an evaluation pass does.
      score({
        name: `faithfulness-${protocol}`,
        value: 0.75,
        label: 'mostly faithful',
        explanation: 'one claim is not in the context',
        source: 'llm',
        span: answeredSpan,
      });
      await tracing.forceFlush();

      assert.deepEqual(await scoresNamed(collector.sql, `faithfulness-${protocol}`), [
        {
          TraceId: traceId,
          SpanId: spanId,
          RunId: '',
          Name: `faithfulness-${protocol}`,
          Value: 0.75,
          Label: 'mostly faithful',
          Source: 'llm',
          Explanation: 'one claim is not in the context',
        },
      ]);
      const stored = await collector.sql.query({
        query: `SELECT count() AS spans FROM otel.otel_traces WHERE TraceId = {traceId:String} AND SpanId = {spanId:String}`,
        query_params: { traceId, spanId },
        format: 'JSONEachRow',
      });
      const [count] = await stored.json<{ spans: number | string }>();
      assert.equal(Number(count?.spans), 1, 'the scored span is stored too');
    });

    it('scores the active span by default, and carries the run the score was given in', async () => {
      const run = startRun({ experiment: `score-e2e-${protocol}`, name: 'baseline' });
      let expected = { traceId: '', spanId: '' };
      await run.within(() =>
        generate({ model: 'gpt-4o-mini', provider: 'openai' }, (span) => {
          expected = span.span.spanContext();
          score({ name: `relevance-${protocol}`, label: 'relevant', source: 'human' });
          return 'an answer';
        }),
      );
      await run.end();
      await tracing.forceFlush();

      const [row] = await scoresNamed(collector.sql, `relevance-${protocol}`);
      assert.equal(row?.TraceId, expected.traceId);
      assert.equal(row?.SpanId, expected.spanId);
      assert.equal(row?.RunId, run.id);
      assert.equal(row?.Value, null);
      assert.equal(row?.Label, 'relevant');
      assert.equal(row?.Source, 'human');
    });

    it('scores a trace or one of its spans by id afterwards, and ignores a score with neither value nor label', async () => {
      const traceId = 'a'.repeat(31) + (protocol === 'http/json' ? '1' : '2');
      const spanId = 'b'.repeat(16);
      score({ name: `by-id-${protocol}`, value: 1, trace: { traceId } });
      score({ name: `by-id-${protocol}`, value: 2, trace: { traceId, spanId } });
      score({ name: `by-id-${protocol}`, trace: { traceId } });
      await tracing.forceFlush();

      const rows = await scoresNamed(collector.sql, `by-id-${protocol}`);
      assert.deepEqual(
        rows.map(({ TraceId, SpanId, Value }) => ({ TraceId, SpanId, Value })),
        [
          { TraceId: traceId, SpanId: '', Value: 1 },
          { TraceId: traceId, SpanId: spanId, Value: 2 },
        ],
      );
    });
  });
}
