import { diag, DiagLogLevel, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  collect,
  errorFacts,
  PROMPT_TEMPLATE_TOKENS,
  rejectionOf,
  startCohereMockServer,
  startLoopbackServer,
  theOnly,
} from '@ragtrace/instrumentation-test-kit';
import type { LoopbackServer } from '@ragtrace/instrumentation-test-kit';
import { workflow } from '@ragtrace/sdk';
import { setupMemoryTracing } from '@ragtrace/sdk/testing';
import type { MemoryTracing } from '@ragtrace/sdk/testing';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT,
  ATTR_RAGTRACE_INPUT_CONTENT,
  ATTR_RAGTRACE_OUTPUT_CONTENT,
  ATTR_RAGTRACE_RERANK_INPUT_COUNT,
  ATTR_RAGTRACE_RERANK_INPUT_IDS,
  ATTR_RAGTRACE_RERANK_OUTPUT_IDS,
  ATTR_RAGTRACE_RERANK_OUTPUT_SCORES,
  ATTR_RAGTRACE_STAGE,
  ATTR_RAGTRACE_STREAM_CHUNK_COUNT,
  ATTR_RAGTRACE_STREAM_OUTCOME,
  ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { CohereInstrumentation } from '../cohere-instrumentation.js';

type Call = (request: object) => Promise<unknown> & { withRawResponse(): Promise<{ data: unknown }> };

/** The methods both clients (and both majors) share, as the tests call them. */
export interface CohereTestClient {
  readonly chat: Call;
  readonly chatStream: Call;
  readonly embed: Call;
  readonly rerank: Call;
}
type ClientClass = new (options: { token: string; environment: string }) => CohereTestClient;
export interface CohereSdk {
  readonly CohereClient: ClientClass;
  readonly CohereClientV2: ClientClass;
}

export interface CohereTarget {
  /** e.g. `cohere-ai 8.1 through the module hook`. */
  readonly label: string;
  readonly instrumentation: CohereInstrumentation;
  /** Loads the SDK with the instrumentation off (called once). */
  load(): CohereSdk;
  /** Turns the instrumentation on for the loaded SDK. */
  instrument(sdk: CohereSdk): void;
}

const DOCUMENTS = [
  'Grafana dashboards read ClickHouse tables',
  'ragtrace stores spans in ClickHouse',
  'Bananas are yellow',
];
const QUERY = 'where does ragtrace store spans';
const RERANK = { model: 'rerank-v3.5', query: QUERY, documents: DOCUMENTS, topN: 2 };
const EMBED = {
  model: 'embed-v4.0',
  texts: ['first text here', 'second'],
  inputType: 'search_document',
  embeddingTypes: ['float'],
};
const V2_CHAT = { model: 'command-a', messages: [{ role: 'user', content: 'what is ragtrace' }] };
const V1_CHAT = { model: 'command-r', message: 'what is ragtrace' };
const TOOLS = [
  { type: 'function', function: { name: 'search_docs', description: 'Search', parameters: {} } },
];

function parsed(value: unknown): unknown {
  assert.equal(typeof value, 'string');
  return JSON.parse(value as string);
}

/** What an app sees from a fixed set of calls on both clients: compared with and without instrumentation. */
async function observableResults(v1: CohereTestClient, v2: CohereTestClient): Promise<unknown> {
  const results: Record<string, unknown> = {};
  for (const [name, client, chat] of [
    ['v1', v1, V1_CHAT],
    ['v2', v2, V2_CHAT],
  ] as const) {
    results[`${name} rerank`] = await client.rerank(RERANK);
    results[`${name} embed`] = await client.embed(EMBED);
    results[`${name} chat`] = await client.chat({ ...chat, temperature: 0.1 });
    results[`${name} raw`] = (await client.chat(chat).withRawResponse()).data;
    results[`${name} stream`] = await collect((await client.chatStream(chat)) as AsyncIterable<unknown>);
    results[`${name} error`] = errorFacts(
      await rejectionOf(client.rerank({ ...RERANK, model: 'rerank-missing' })),
    );
    results[`${name} stream error`] = errorFacts(
      await rejectionOf(
        (async () =>
          collect((await client.chatStream({ ...chat, model: 'stream-error' })) as AsyncIterable<unknown>))(),
      ),
    );
  }
  results['v2 tool call'] = await v2.chat({ ...V2_CHAT, tools: TOOLS });
  results['v2 tool call stream'] = await collect(
    (await v2.chatStream({ ...V2_CHAT, tools: TOOLS })) as AsyncIterable<unknown>,
  );
  return results;
}

function only(tracing: MemoryTracing): ReadableSpan {
  return theOnly(tracing.spans(), 'span');
}

/** The same scenarios for every SDK major, through both of its clients. */
export function describeCohereInstrumentation(target: CohereTarget): void {
  describe(`CohereInstrumentation with ${target.label}`, () => {
    let server: LoopbackServer;
    let tracing: MemoryTracing;
    let v1: CohereTestClient;
    let v2: CohereTestClient;
    let uninstrumentedResults: unknown;

    before(async () => {
      server = await startCohereMockServer();
      tracing = setupMemoryTracing();
      const options = { token: 'test-key', environment: server.url };
      const sdk = target.load();
      uninstrumentedResults = await observableResults(
        new sdk.CohereClient(options),
        new sdk.CohereClientV2(options),
      );
      assert.equal(tracing.spans().length, 0, 'no spans before instrumenting');
      target.instrument(sdk);
      v1 = new sdk.CohereClient(options);
      v2 = new sdk.CohereClientV2(options);
    });
    afterEach(() => {
      tracing.reset();
      target.instrumentation.setConfig({});
    });
    after(async () => {
      await tracing.shutdown();
      await server.close();
    });

    it('records a v2 rerank as a rerank span: candidates by index, ranked ids and scores', async () => {
      const response = (await v2.rerank(RERANK)) as {
        id: string;
        results: { index: number; relevanceScore: number }[];
      };
      const span = only(tracing);
      assert.equal(span.name, 'rerank rerank-v3.5');
      assert.equal(span.kind, SpanKind.CLIENT);
      const attributes = span.attributes;
      assert.equal(attributes[ATTR_GEN_AI_OPERATION_NAME], 'rerank');
      assert.equal(attributes[ATTR_RAGTRACE_STAGE], 'rerank');
      assert.equal(attributes[ATTR_GEN_AI_PROVIDER_NAME], 'cohere');
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_MODEL], 'rerank-v3.5');
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_TOP_K], 2);
      assert.equal(attributes[ATTR_RAGTRACE_RERANK_INPUT_COUNT], 3);
      assert.deepEqual(attributes[ATTR_RAGTRACE_RERANK_INPUT_IDS], ['0', '1', '2']);
      // "ragtrace stores spans in ClickHouse" shares 2 of the query's 5 words, the Grafana one none.
      assert.deepEqual(attributes[ATTR_RAGTRACE_RERANK_OUTPUT_IDS], ['1', '0']);
      assert.deepEqual(attributes[ATTR_RAGTRACE_RERANK_OUTPUT_SCORES], [0.4, 0]);
      assert.deepEqual(
        response.results.map((result) => [String(result.index), result.relevanceScore]),
        [
          ['1', 0.4],
          ['0', 0],
        ],
      );
      assert.equal(attributes[ATTR_GEN_AI_RESPONSE_ID], response.id);
      assert.equal(
        attributes[ATTR_RAGTRACE_INPUT_CONTENT],
        undefined,
        'the query is content: off by default',
      );
      assert.equal(attributes[ATTR_RAGTRACE_OUTPUT_CONTENT], undefined);
    });

    it('records a v1 rerank of document objects, with query and ranked texts when capture is on', async () => {
      target.instrumentation.setConfig({ captureContent: true });
      await v1.rerank({ ...RERANK, documents: DOCUMENTS.map((text) => ({ text })), topN: 1 });
      const attributes = only(tracing).attributes;
      assert.deepEqual(attributes[ATTR_RAGTRACE_RERANK_OUTPUT_IDS], ['1']);
      assert.deepEqual(attributes[ATTR_RAGTRACE_RERANK_OUTPUT_SCORES], [0.4]);
      assert.equal(attributes[ATTR_RAGTRACE_INPUT_CONTENT], QUERY);
      assert.deepEqual(parsed(attributes[ATTR_RAGTRACE_OUTPUT_CONTENT]), [
        { id: '1', score: 0.4, content: DOCUMENTS[1] },
      ]);
    });

    it('records embed on both clients: model, input count and billed input tokens', async () => {
      const responses = [await v1.embed(EMBED), await v2.embed(EMBED)] as { id: string }[];
      const spans = tracing.spans();
      assert.equal(spans.length, 2);
      for (const [index, span] of spans.entries()) {
        assert.equal(span.name, 'embeddings embed-v4.0');
        assert.equal(span.attributes[ATTR_GEN_AI_OPERATION_NAME], 'embeddings');
        assert.equal(span.attributes[ATTR_RAGTRACE_STAGE], 'embed');
        assert.equal(span.attributes[ATTR_GEN_AI_PROVIDER_NAME], 'cohere');
        assert.equal(span.attributes[ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT], 2);
        assert.equal(span.attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS], 4);
        assert.equal(span.attributes[ATTR_GEN_AI_RESPONSE_ID], responses[index]!.id);
        assert.equal(span.attributes[ATTR_RAGTRACE_INPUT_CONTENT], undefined);
      }
    });

    it('records a v2 chat as a generate span with request params, finish reason and billed usage', async () => {
      const response = (await v2.chat({
        ...V2_CHAT,
        temperature: 0.3,
        maxTokens: 50,
        p: 0.8,
        k: 20,
        stopSequences: ['END'],
        seed: 7,
        frequencyPenalty: 0.1,
      })) as { id: string; usage: { tokens: { inputTokens: number } } };
      const span = only(tracing);
      assert.equal(span.name, 'chat command-a');
      assert.equal(span.kind, SpanKind.CLIENT);
      const attributes = span.attributes;
      assert.equal(attributes[ATTR_GEN_AI_OPERATION_NAME], 'chat');
      assert.equal(attributes[ATTR_RAGTRACE_STAGE], 'generate');
      assert.equal(attributes[ATTR_GEN_AI_PROVIDER_NAME], 'cohere');
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_MODEL], 'command-a');
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_TEMPERATURE], 0.3);
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_MAX_TOKENS], 50);
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_TOP_P], 0.8);
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_TOP_K], 20);
      assert.deepEqual(attributes[ATTR_GEN_AI_REQUEST_STOP_SEQUENCES], ['END']);
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_SEED], 7);
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY], 0.1);
      assert.equal(attributes[ATTR_GEN_AI_RESPONSE_ID], response.id);
      assert.deepEqual(attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS], ['COMPLETE']);
      // Billed units (3 words in, 4 out), not the raw counts that include Cohere's prompt template.
      assert.equal(response.usage.tokens.inputTokens, 3 + PROMPT_TEMPLATE_TOKENS);
      assert.equal(attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS], 3);
      assert.equal(attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS], 4);
      assert.equal(attributes[ATTR_GEN_AI_INPUT_MESSAGES], undefined, 'content is off by default');
      assert.equal(attributes[ATTR_GEN_AI_OUTPUT_MESSAGES], undefined);
    });

    it('follows a v2 chatStream: chunks, outcome, usage and the streamed text when capture is on', async () => {
      target.instrumentation.setConfig({ captureContent: true });
      const stream = (await v2.chatStream(V2_CHAT)) as AsyncIterable<{ type: string; id?: string }>;
      assert.equal(tracing.spans().length, 0, 'open while the stream is unread');
      const events = await collect(stream);
      const attributes = only(tracing).attributes;
      assert.equal(attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'completed');
      assert.equal(attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], events.length);
      assert.ok((attributes[ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK] as number) >= 0);
      assert.equal(attributes[ATTR_GEN_AI_RESPONSE_ID], events[0]!.id);
      assert.deepEqual(attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS], ['COMPLETE']);
      assert.equal(attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS], 3);
      assert.equal(attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS], 4);
      assert.deepEqual(parsed(attributes[ATTR_GEN_AI_INPUT_MESSAGES]), [
        { role: 'user', parts: [{ type: 'text', content: 'what is ragtrace' }] },
      ]);
      assert.deepEqual(parsed(attributes[ATTR_GEN_AI_OUTPUT_MESSAGES]), [
        {
          role: 'assistant',
          parts: [{ type: 'text', content: 'echo: what is ragtrace' }],
          finish_reason: 'COMPLETE',
        },
      ]);
    });

    it('records v2 tool calls in input and output messages, streamed or not, when capture is on', async () => {
      target.instrumentation.setConfig({ captureContent: true });
      const request = {
        model: 'command-a',
        tools: TOOLS,
        messages: [
          { role: 'system', content: 'Use tools.' },
          { role: 'user', content: 'find tracing docs' },
          {
            role: 'assistant',
            toolPlan: 'Search first.',
            toolCalls: [
              { id: 'call_1', type: 'function', function: { name: 'search_docs', arguments: '{"q":"a"}' } },
            ],
          },
          { role: 'tool', toolCallId: 'call_1', content: 'doc-7' },
          { role: 'assistant', content: 'Found doc-7.' },
          { role: 'user', content: 'now call it again' },
        ],
      };
      type ToolCalls = { toolCalls?: { id: string } }[];
      const response = (await v2.chat(request)) as { message: { toolCalls: { id: string }[] } };
      const events = (await collect(
        (await v2.chatStream(request)) as AsyncIterable<{ delta?: { message?: ToolCalls[number] } }>,
      )) as { delta?: { message?: ToolCalls[number] } }[];
      const streamedId = events.find((event) => event.delta?.message?.toolCalls)!.delta!.message!.toolCalls!
        .id;
      const toolCallIds = [response.message.toolCalls[0]!.id, streamedId];

      const spans = tracing.spans().map((span) => span.attributes);
      assert.equal(spans.length, 2);
      for (const [index, attributes] of spans.entries()) {
        assert.deepEqual(attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS], ['TOOL_CALL']);
        assert.deepEqual(parsed(attributes[ATTR_GEN_AI_INPUT_MESSAGES]), [
          { role: 'system', parts: [{ type: 'text', content: 'Use tools.' }] },
          { role: 'user', parts: [{ type: 'text', content: 'find tracing docs' }] },
          {
            role: 'assistant',
            parts: [{ type: 'tool_call', id: 'call_1', name: 'search_docs', arguments: { q: 'a' } }],
          },
          { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: 'doc-7' }] },
          { role: 'assistant', parts: [{ type: 'text', content: 'Found doc-7.' }] },
          { role: 'user', parts: [{ type: 'text', content: 'now call it again' }] },
        ]);
        assert.deepEqual(parsed(attributes[ATTR_GEN_AI_OUTPUT_MESSAGES]), [
          {
            role: 'assistant',
            parts: [
              {
                type: 'tool_call',
                id: toolCallIds[index],
                name: 'search_docs',
                arguments: { query: 'now call it again' },
              },
            ],
            finish_reason: 'TOOL_CALL',
          },
        ]);
      }
    });

    it('records v1 chat and chatStream, preamble as system instructions, history as messages', async () => {
      target.instrumentation.setConfig({ captureContent: true });
      const request = {
        ...V1_CHAT,
        preamble: 'Be brief.',
        chatHistory: [
          { role: 'USER', message: 'hello' },
          { role: 'CHATBOT', message: 'hi there' },
        ],
      };
      const response = (await v1.chat(request)) as { responseId: string };
      await collect((await v1.chatStream(request)) as AsyncIterable<unknown>);
      const [plain, streamed] = tracing.spans().map((span) => span.attributes);
      assert.equal(plain![ATTR_GEN_AI_RESPONSE_ID], response.responseId);
      assert.equal(streamed![ATTR_RAGTRACE_STREAM_OUTCOME], 'completed');
      for (const attributes of [plain!, streamed!]) {
        assert.equal(attributes[ATTR_GEN_AI_REQUEST_MODEL], 'command-r');
        assert.deepEqual(attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS], ['COMPLETE']);
        // "Be brief." plus "what is ragtrace": 5 billed words in.
        assert.equal(attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS], 5);
        assert.equal(attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS], 4);
        assert.deepEqual(parsed(attributes[ATTR_GEN_AI_SYSTEM_INSTRUCTIONS]), [
          { type: 'text', content: 'Be brief.' },
        ]);
        assert.deepEqual(parsed(attributes[ATTR_GEN_AI_INPUT_MESSAGES]), [
          { role: 'user', parts: [{ type: 'text', content: 'hello' }] },
          { role: 'assistant', parts: [{ type: 'text', content: 'hi there' }] },
          { role: 'user', parts: [{ type: 'text', content: 'what is ragtrace' }] },
        ]);
        assert.deepEqual(parsed(attributes[ATTR_GEN_AI_OUTPUT_MESSAGES]), [
          {
            role: 'assistant',
            parts: [{ type: 'text', content: 'echo: what is ragtrace' }],
            finish_reason: 'COMPLETE',
          },
        ]);
      }
    });

    it('records API errors and failed or abandoned streams', async () => {
      const error = await rejectionOf(v2.rerank({ ...RERANK, model: 'rerank-missing' }));
      await rejectionOf(
        collect((await v2.chatStream({ ...V2_CHAT, model: 'stream-error' })) as AsyncIterable<unknown>),
      );
      for await (const _event of (await v1.chatStream(V1_CHAT)) as AsyncIterable<unknown>) break;

      const [failedCall, failedStream, abandoned] = tracing.spans();
      assert.equal(failedCall!.status.code, SpanStatusCode.ERROR);
      assert.equal(
        failedCall!.attributes[ATTR_ERROR_TYPE],
        error.name === 'Error' ? error.constructor.name : error.name,
      );
      assert.equal((error as { statusCode?: number }).statusCode, 404);
      assert.equal(failedStream!.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'error');
      assert.equal(failedStream!.status.code, SpanStatusCode.ERROR);
      assert.equal(abandoned!.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'abandoned');
      assert.equal(abandoned!.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], 1);
    });

    it('returns exactly what the uninstrumented SDK returns: values, chunks and errors', async () => {
      assert.deepEqual(await observableResults(v1, v2), uninstrumentedResults);
      assert.equal(tracing.spans().length, 16, 'and every call made a span');
    });

    it("hands back the SDK's own HttpResponsePromise and Stream objects", async () => {
      const promise = v2.chatStream(V2_CHAT);
      assert.equal(promise.constructor.name, 'HttpResponsePromise');
      const { data } = await v2.chat(V2_CHAT).withRawResponse();
      assert.ok(data);
      const stream = (await promise) as AsyncIterable<unknown>;
      assert.equal(stream.constructor.name, 'Stream');
      await collect(stream);
    });

    it('keeps telemetry failures away from the app: a throwing redact hook, responses it cannot read', async () => {
      const diagnostics: string[] = [];
      const record = (message: string): void => void diagnostics.push(message);
      diag.setLogger(
        { error: record, warn: record, info: () => {}, debug: () => {}, verbose: () => {} },
        { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
      );
      const odd = { id: 'odd', results: 'not a list', message: { content: 42 }, finish_reason: 'COMPLETE' };
      const oddServer = await startLoopbackServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(odd));
      });
      await tracing.shutdown();
      tracing = setupMemoryTracing({
        captureContent: true,
        redact: () => {
          throw new Error('redact hook bug');
        },
      });
      try {
        const results = uninstrumentedResults as Record<string, unknown>;
        assert.deepEqual(await v2.rerank(RERANK), results['v2 rerank']);
        assert.deepEqual(await v2.chat({ ...V2_CHAT, temperature: 0.1 }), results['v2 chat']);
        const sdkClient = v2.constructor as ClientClass;
        const oddClient = new sdkClient({ token: 'k', environment: oddServer.url });
        const oddRerank = (await oddClient.rerank(RERANK)) as { results: unknown };
        assert.equal(oddRerank.results, 'not a list');
        const oddChat = (await oddClient.chat(V2_CHAT)) as { message: { content: unknown } };
        assert.equal(oddChat.message.content, 42);
        assert.equal(tracing.spans().length, 4, 'every span still ended');
        assert.ok(diagnostics.length >= 3, `failures were reported to diag: ${diagnostics.join(' | ')}`);
      } finally {
        diag.disable();
        await oddServer.close();
        await tracing.shutdown();
        tracing = setupMemoryTracing();
      }
    });

    it('nests under the active span and under workflow(), and keeps the caller context across a stream', async () => {
      const tracer = trace.getTracer('app');
      await tracer.startActiveSpan('handle request', async (parent) => {
        await v2.rerank(RERANK);
        for await (const _event of (await v2.chatStream(V2_CHAT)) as AsyncIterable<unknown>) {
          assert.equal(trace.getActiveSpan(), parent, 'the app iterates in its own context');
        }
        parent.end();
      });
      await workflow({ name: 'answer' }, () => v1.embed(EMBED));

      const spans = tracing.spans();
      const parent = spans.find((span) => span.name === 'handle request')!;
      const flow = spans.find((span) => span.name.includes('answer'))!;
      const rerank = spans.find((span) => span.name === 'rerank rerank-v3.5')!;
      const chat = spans.find((span) => span.name === 'chat command-a')!;
      const embed = spans.find((span) => span.name === 'embeddings embed-v4.0')!;
      assert.equal(rerank.parentSpanContext?.spanId, parent.spanContext().spanId);
      assert.equal(chat.parentSpanContext?.spanId, parent.spanContext().spanId);
      assert.equal(embed.parentSpanContext?.spanId, flow.spanContext().spanId);
    });
  });
}
