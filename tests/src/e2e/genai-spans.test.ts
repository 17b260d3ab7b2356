import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import {
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_GEN_AI_DATA_SOURCE_ID,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_RAGTRACE_EXPERIMENT_NAME,
  ATTR_RAGTRACE_PROMPT_VERSION,
  ATTR_RAGTRACE_RERANK_OUTPUT_IDS,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT,
  ATTR_RAGTRACE_RUN_ID,
  ATTR_RAGTRACE_STAGE,
  ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK,
  ATTR_SESSION_ID,
  ATTR_USER_ID,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertExported, exportSpans } from '../support/export-spans.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

const SERVICE = 'genai-spans-e2e';
/** 2025-01-01T00:00:00Z in milliseconds. */
const START_MS = 1_735_689_600_000;
const RUN_ID = 'run-7f3a';
const EXPERIMENT = 'prompt-tuning';

/** A RAG trace from the OTel JS SDK carrying the canonical keys, plus one plain HTTP span. */
async function recordRagTrace(): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': SERVICE }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('genai-spans-test');
  const run = { [ATTR_RAGTRACE_RUN_ID]: RUN_ID, [ATTR_RAGTRACE_EXPERIMENT_NAME]: EXPERIMENT };

  const root = tracer.startSpan('invoke_workflow answer', {
    startTime: START_MS,
    attributes: {
      ...run,
      [ATTR_GEN_AI_OPERATION_NAME]: 'invoke_workflow',
      [ATTR_RAGTRACE_STAGE]: 'workflow',
    },
  });
  const parent = trace.setSpan(context.active(), root);

  tracer
    .startSpan(
      'retrieval docs',
      {
        kind: SpanKind.CLIENT,
        startTime: START_MS + 10,
        attributes: {
          ...run,
          [ATTR_GEN_AI_OPERATION_NAME]: 'retrieval',
          [ATTR_GEN_AI_DATA_SOURCE_ID]: 'product-docs',
          [ATTR_GEN_AI_REQUEST_TOP_K]: 5,
          [ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT]: 4,
        },
      },
      parent,
    )
    .end(START_MS + 40);

  tracer
    .startSpan(
      'rerank cohere',
      {
        kind: SpanKind.CLIENT,
        startTime: START_MS + 40,
        attributes: {
          ...run,
          [ATTR_GEN_AI_OPERATION_NAME]: 'rerank',
          [ATTR_RAGTRACE_RERANK_OUTPUT_IDS]: ['d3', 'd1'],
        },
      },
      parent,
    )
    .end(START_MS + 60);

  const chat = tracer.startSpan(
    'chat gpt-4o-mini',
    {
      kind: SpanKind.CLIENT,
      startTime: START_MS + 100,
      attributes: {
        ...run,
        [ATTR_RAGTRACE_STAGE]: 'generate',
        [ATTR_GEN_AI_OPERATION_NAME]: 'chat',
        [ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
        [ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-4o-mini',
        [ATTR_GEN_AI_RESPONSE_MODEL]: 'gpt-4o-mini-2024-07-18',
        [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 1200,
        [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: 300,
        [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 200,
        [ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]: 50,
        [ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK]: 0.42,
        [ATTR_GEN_AI_PROMPT_NAME]: 'rag-answer',
        [ATTR_RAGTRACE_PROMPT_VERSION]: '3',
        [ATTR_GEN_AI_CONVERSATION_ID]: 'conv-1',
        [ATTR_USER_ID]: 'user-7',
      },
    },
    parent,
  );
  chat.setStatus({ code: SpanStatusCode.ERROR, message: 'truncated' });
  chat.end(START_MS + 850);

  // An embedding span without the normalizer's stage and with the older session key.
  tracer
    .startSpan(
      'embeddings text-embedding-3-small',
      {
        startTime: START_MS + 1,
        attributes: {
          [ATTR_GEN_AI_OPERATION_NAME]: 'embeddings',
          [ATTR_GEN_AI_REQUEST_MODEL]: 'text-embedding-3-small',
          [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: 50_000,
          [ATTR_SESSION_ID]: 'session-9',
        },
      },
      parent,
    )
    .end(START_MS + 9);

  tracer
    .startSpan('GET /health', { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'GET' } }, parent)
    .end();
  root.end(START_MS + 900);
  await provider.forceFlush();
  const spans = memory.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

describe('spans posted to the collector → otel.genai_spans', () => {
  let collector: TestCollector;
  let spans: ReadableSpan[];
  let rows: Array<Record<string, unknown>>;

  before(async () => {
    collector = await startTestCollector();
    spans = await recordRagTrace();
    assertExported(await exportSpans(collector.url, spans, 'protobuf', false));
    const result = await collector.sql.query({
      query: `SELECT *, toString(toUnixTimestamp64Nano(Timestamp)) AS TimestampNs
              FROM otel.genai_spans WHERE ServiceName = {service:String} ORDER BY Timestamp`,
      query_params: { service: SERVICE },
      format: 'JSONEachRow',
    });
    rows = await result.json<Record<string, unknown>>();
  });
  after(() => collector.stop());

  const row = (spanName: string) => {
    const found = rows.find((candidate) => candidate['SpanName'] === spanName);
    assert.ok(found, `no genai_spans row for ${spanName}; rows: ${rows.map((r) => String(r['SpanName']))}`);
    return found;
  };

  it('stores one row per GenAI span and none for the HTTP span', () => {
    assert.deepEqual(rows.map((r) => r['Stage']).sort(), [
      'embed',
      'generate',
      'rerank',
      'retrieve',
      'workflow',
    ]);
  });

  it('fills every column of a chat span, with the cost computed from the seeded price', () => {
    const chat = row('chat gpt-4o-mini');
    const sdkSpan = spans.find((span) => span.name === 'chat gpt-4o-mini');
    const root = spans.find((span) => span.name === 'invoke_workflow answer');
    assert.ok(sdkSpan && root);
    // Timestamp's text depends on the engine's time zone; TimestampNs is the same instant.
    const { CostUsd, Timestamp: _timestamp, ...columns } = chat;
    const uint64 = ['InputTokens', 'OutputTokens', 'CacheReadTokens', 'ReasoningTokens', 'Duration'];
    for (const name of uint64) columns[name] = Number(columns[name]);
    assert.deepEqual(columns, {
      TimestampNs: String(BigInt(START_MS + 100) * 1_000_000n),
      TraceId: sdkSpan.spanContext().traceId,
      SpanId: sdkSpan.spanContext().spanId,
      ParentSpanId: root.spanContext().spanId,
      ServiceName: SERVICE,
      SpanName: 'chat gpt-4o-mini',
      Stage: 'generate',
      OperationName: 'chat',
      Provider: 'openai',
      RequestModel: 'gpt-4o-mini',
      ResponseModel: 'gpt-4o-mini-2024-07-18',
      InputTokens: 1200,
      OutputTokens: 300,
      CacheReadTokens: 200,
      ReasoningTokens: 50,
      CostSource: 'price_table',
      Duration: 750_000_000,
      TimeToFirstChunk: 0.42,
      StatusCode: 'Error',
      RunId: RUN_ID,
      ExperimentName: EXPERIMENT,
      PromptName: 'rag-answer',
      PromptVersion: '3',
      SessionId: 'conv-1',
      UserId: 'user-7',
      // Auth is off on loopback: everything belongs to the one project.
      Project: 'default',
      DataSourceId: '',
      TopK: null,
      DocumentCount: null,
    });
    // gpt-4o-mini list price: 1000 × $0.15 + 200 cached × $0.075 + 300 × $0.60 per million.
    assert.ok(Math.abs((CostUsd as number) - 0.000345) < 1e-12, `CostUsd ${String(CostUsd)}`);
  });

  it('fills retrieval, rerank and embedding facts, deriving the stage when ragtrace.stage is absent', () => {
    const retrieval = row('retrieval docs');
    assert.deepEqual(
      [
        retrieval['Stage'],
        retrieval['DataSourceId'],
        retrieval['TopK'],
        retrieval['DocumentCount'],
        retrieval['RunId'],
      ],
      ['retrieve', 'product-docs', 5, 4, RUN_ID],
    );
    assert.equal(retrieval['CostUsd'], null, 'no usage, no cost');

    const rerank = row('rerank cohere');
    assert.deepEqual([rerank['Stage'], rerank['DocumentCount']], ['rerank', 2]);

    const embedding = row('embeddings text-embedding-3-small');
    assert.deepEqual(
      [embedding['Stage'], embedding['SessionId'], embedding['TimeToFirstChunk']],
      ['embed', 'session-9', null],
    );
    // 50,000 × $0.02 per million.
    assert.ok(
      Math.abs((embedding['CostUsd'] as number) - 0.001) < 1e-12,
      `CostUsd ${String(embedding['CostUsd'])}`,
    );
  });
});
