import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  mlflowRequest,
  MLFLOW_TRACE_ID,
} from '../../../collector/src/normalize/test-support/fixtures/mlflow-fixture.js';
import {
  OPENINFERENCE_TRACE_ID,
  openInferenceRequest,
} from '../../../collector/src/normalize/test-support/fixtures/openinference-fixture.js';
import {
  OPENLLMETRY_TRACE_ID,
  openLlmetryRequest,
} from '../../../collector/src/normalize/test-support/fixtures/openllmetry-fixture.js';
import { otelGenAiRequest } from '../../../collector/src/normalize/test-support/fixtures/otel-genai-fixture.js';
import { otlpJsonRequest } from '../../../collector/src/normalize/test-support/fixtures/otlp-json-request.js';
import {
  VERCEL_AI_TRACE_ID,
  vercelAiRequest,
} from '../../../collector/src/normalize/test-support/fixtures/vercel-ai-fixture.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

/** One request whose only span has an all-zero span id, which cannot be stored. */
const unstorableSpanRequest = otlpJsonRequest({
  serviceName: 'bad-ids',
  scope: { name: 'test', version: '1' },
  traceId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  spans: [{ name: 'zero span id', spanId: '0000000000000000', attributes: {} }],
});

describe('foreign conventions posted to a running collector are stored normalized and counted', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector();
    for (const body of [
      openInferenceRequest,
      openLlmetryRequest,
      vercelAiRequest,
      mlflowRequest,
      otelGenAiRequest,
    ]) {
      const response = await postTraces(body);
      assert.equal(response.status, 200, await response.text());
    }
    const partial = await postTraces(unstorableSpanRequest);
    assert.equal(partial.status, 200);
    assert.equal(
      ((await partial.json()) as { partialSuccess?: { rejectedSpans?: string } }).partialSuccess
        ?.rejectedSpans,
      '1',
    );
  });
  after(() => collector.stop());

  const postTraces = (body: string) =>
    fetch(`${collector.url}/v1/traces`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });

  async function metrics(): Promise<Map<string, number>> {
    const response = await fetch(`${collector.url}/metrics`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    const samples = new Map<string, number>();
    for (const line of (await response.text()).split('\n')) {
      const match = /^(\w+(?:\{[^}]*\})?) (\S+)$/.exec(line);
      if (match) samples.set(match[1]!, Number(match[2]));
    }
    return samples;
  }

  it('counts normalized spans per convention and result at /metrics', async () => {
    const samples = await metrics();
    const normalized = (convention: string, result: string) =>
      samples.get(`ragtrace_normalized_spans_total{convention="${convention}",result="${result}"}`);
    assert.deepEqual(
      {
        openinference: [normalized('openinference', 'mapped'), normalized('openinference', 'unmapped')],
        openllmetry: [normalized('openllmetry', 'mapped'), normalized('openllmetry', 'unmapped')],
        vercel_ai: [normalized('vercel_ai', 'mapped'), normalized('vercel_ai', 'unmapped')],
        mlflow: [normalized('mlflow', 'mapped'), normalized('mlflow', 'unmapped')],
        otel_genai: [normalized('otel_genai', 'mapped'), normalized('otel_genai', 'unmapped')],
        none: [normalized('none', 'mapped'), normalized('none', 'unmapped')],
        ragtrace: [normalized('ragtrace', 'mapped'), normalized('ragtrace', 'unmapped')],
      },
      {
        openinference: [7, 1],
        openllmetry: [8, 1],
        vercel_ai: [7, 0],
        mlflow: [4, 1],
        otel_genai: [6, 1],
        none: [0, 1],
        ragtrace: [0, 0],
      },
    );
    assert.equal(samples.get('ragtrace_received_spans_total'), 38);
    assert.equal(samples.get('ragtrace_rejected_spans_total{reason="invalid_id"}'), 1);
    assert.equal(samples.get('ragtrace_http_requests_total{route="/v1/traces",status="200"}'), 6);
  });

  it('counts requests per route pattern, never per raw path', async () => {
    await fetch(`${collector.url}/no/such/path-1`);
    await fetch(`${collector.url}/no/such/path-2`);
    const samples = await metrics();
    assert.equal(samples.get('ragtrace_http_requests_total{route="unmatched",status="404"}'), 2);
    assert.ok(samples.get('ragtrace_http_requests_total{route="/metrics",status="200"}')! >= 1);
  });

  it('stores the canonical keys next to the originals, readable with SQL', async () => {
    const result = await collector.sql.query({
      query: `SELECT SpanName AS name,
                     SpanAttributes['ragtrace.source.convention'] AS convention,
                     SpanAttributes['ragtrace.stage'] AS stage,
                     SpanAttributes['gen_ai.request.model'] AS model,
                     SpanAttributes['gen_ai.usage.input_tokens'] AS input_tokens,
                     SpanAttributes['gen_ai.usage.output_tokens'] AS output_tokens,
                     SpanAttributes['llm.token_count.prompt'] AS original_prompt_tokens
              FROM otel.otel_traces
              WHERE TraceId IN {traces:Array(String)} AND SpanAttributes['gen_ai.operation.name'] = 'chat'
              ORDER BY convention, name`,
      query_params: {
        traces: [OPENINFERENCE_TRACE_ID, OPENLLMETRY_TRACE_ID, VERCEL_AI_TRACE_ID, MLFLOW_TRACE_ID],
      },
      format: 'JSONEachRow',
    });
    assert.deepEqual(await result.json(), [
      {
        name: 'Completions',
        convention: 'mlflow',
        stage: 'generate',
        model: 'gpt-4o-mini',
        input_tokens: '120',
        output_tokens: '30',
        original_prompt_tokens: '',
      },
      {
        name: 'ChatCompletion',
        convention: 'openinference',
        stage: 'generate',
        model: 'gpt-4o-mini',
        input_tokens: '412',
        output_tokens: '57',
        original_prompt_tokens: '412',
      },
      {
        name: 'openai.chat',
        convention: 'openllmetry',
        stage: 'generate',
        model: 'gpt-4o-mini',
        input_tokens: '412',
        output_tokens: '57',
        original_prompt_tokens: '',
      },
      {
        name: 'ai.generateText.doGenerate',
        convention: 'vercel_ai',
        stage: 'generate',
        model: 'gpt-4o-mini',
        input_tokens: '412',
        output_tokens: '23',
        original_prompt_tokens: '',
      },
      {
        name: 'ai.streamText.doStream',
        convention: 'vercel_ai',
        stage: 'generate',
        model: 'claude-3-5-haiku-latest',
        input_tokens: '120',
        output_tokens: '14',
        original_prompt_tokens: '',
      },
    ]);
  });
});
