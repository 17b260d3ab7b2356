import { context, diag, DiagLogLevel, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  collect,
  errorFacts,
  OPENAI_MOCK_USAGE,
  rejectionOf,
  sendJson,
  startLoopbackServer,
  startOpenAIMockServer,
} from '@ragtrace/instrumentation-test-kit';
import type { LoopbackServer } from '@ragtrace/instrumentation-test-kit';
import { contextWithStageRecordedAbove, workflow } from '@ragtrace/sdk';
import type { SetupTracingOptions } from '@ragtrace/sdk';
import { setupMemoryTracing } from '@ragtrace/sdk/testing';
import type { MemoryTracing } from '@ragtrace/sdk/testing';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT,
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_ENCODING_FORMATS,
  ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY,
  ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT,
  ATTR_RAGTRACE_INPUT_CONTENT,
  ATTR_RAGTRACE_STAGE,
  ATTR_RAGTRACE_STREAM_CHUNK_COUNT,
  ATTR_RAGTRACE_STREAM_OUTCOME,
  ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK,
  ATTR_RAGTRACE_USAGE_ESTIMATED,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  RAG_STAGE,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenAIInstrumentation } from '../openai-instrumentation.js';
import { newClient } from './openai-sdk.js';
import type { OpenAIClient, OpenAISdk, OpenAIStream } from './openai-sdk.js';

export interface OpenAITarget {
  /** e.g. `openai 6.49.0 through the module hook`. */
  readonly label: string;
  readonly instrumentation: OpenAIInstrumentation;
  /** Loads the SDK with the instrumentation off (called once). */
  load(): OpenAISdk;
  /** Turns the instrumentation on for the loaded SDK. */
  instrument(sdk: OpenAISdk): void;
  /** Why the suite cannot run here (e.g. a major that needs a newer Node); it runs when absent. */
  readonly skip?: string;
}

const SYSTEM = 'You answer briefly.';
const QUESTION = 'what is ragtrace';
const REPLY = `echo: ${QUESTION}`;
const MODEL = 'gpt-4o-mini';
const REASONING_MODEL = 'o4-mini';
const ASK = {
  model: MODEL,
  messages: [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: QUESTION },
  ],
};
const TOOLS = [
  {
    type: 'function',
    function: { name: 'search_docs', description: 'Search', parameters: { type: 'object' } },
  },
];
const RESPONSE_ASK = { model: REASONING_MODEL, instructions: SYSTEM, input: QUESTION };
const EMBED_ASK = { model: 'text-embedding-3-small', input: ['alpha beta', 'gamma'] };
const EMBED_DIMENSIONS = 8; // what the mock returns unless `dimensions` is given
const ERROR_STATUSES = [400, 429, 500] as const;

const tokens = OPENAI_MOCK_USAGE.tokensOf;
const INPUT_TOKENS = tokens(SYSTEM) + tokens(QUESTION);
const REPLY_TOKENS = tokens(REPLY);
const REASONING_TOKENS = REPLY_TOKENS * OPENAI_MOCK_USAGE.reasoningTokensPerReplyToken;

/** What an app sees from a fixed set of calls: compared with and without instrumentation. */
async function observableResults(client: OpenAIClient): Promise<Record<string, unknown>> {
  const chat = client.chat.completions;
  const withResponse = await chat.create(ASK).withResponse();
  const [left, right] = ((await chat.create({ ...ASK, stream: true })) as OpenAIStream).tee();
  let streamErrorChunks: unknown[] = [];
  const streamError = await rejectionOf(
    (async () => {
      const stream = await chat.create({ ...ASK, model: 'stream-error', stream: true });
      for await (const chunk of stream as OpenAIStream) streamErrorChunks = [...streamErrorChunks, chunk];
    })(),
  );
  return {
    completion: await chat.create({ ...ASK, temperature: 0.2, seed: 7 }),
    withResponse: {
      data: withResponse.data,
      requestId: withResponse.request_id,
      status: withResponse.response.status,
    },
    raw: await (await chat.create(ASK).asResponse()).json(),
    chunks: await collect(await chat.create({ ...ASK, stream: true })),
    usageChunks: await collect(
      await chat.create({ ...ASK, stream: true, stream_options: { include_usage: true } }),
    ),
    tee: [await collect(left), await collect(right)],
    toolCompletion: await chat.create({ ...ASK, tools: TOOLS }),
    toolChunks: await collect(await chat.create({ ...ASK, tools: TOOLS, stream: true })),
    response: await client.responses.create(RESPONSE_ASK),
    responseEvents: await collect(await client.responses.create({ ...RESPONSE_ASK, stream: true })),
    embeddings: await client.embeddings.create(EMBED_ASK),
    floatEmbeddings: await client.embeddings.create({
      ...EMBED_ASK,
      dimensions: 4,
      encoding_format: 'float',
    }),
    errors: await Promise.all(
      ERROR_STATUSES.map(async (status) =>
        errorFacts(await rejectionOf(chat.create({ ...ASK, model: `error-${status}` }))),
      ),
    ),
    streamError: { error: errorFacts(streamError), chunks: streamErrorChunks },
  };
}

async function withTracing(
  work: (tracing: MemoryTracing) => Promise<void>,
  options: Omit<SetupTracingOptions, 'spanProcessors'> = {},
): Promise<void> {
  const tracing = setupMemoryTracing(options);
  try {
    await work(tracing);
  } finally {
    await tracing.shutdown();
  }
}

/** The attributes every span of this package carries, whatever the call. */
function assertCommon(
  span: ReadableSpan,
  operation: string,
  stage: string,
  model: string,
  server: LoopbackServer,
): void {
  const attributes = span.attributes;
  assert.equal(span.kind, SpanKind.CLIENT);
  assert.equal(attributes[ATTR_GEN_AI_OPERATION_NAME], operation);
  assert.equal(attributes[ATTR_RAGTRACE_STAGE], stage);
  assert.equal(attributes[ATTR_GEN_AI_PROVIDER_NAME], 'openai');
  assert.equal(attributes[ATTR_GEN_AI_REQUEST_MODEL], model);
  assert.equal(attributes[ATTR_SERVER_ADDRESS], '127.0.0.1');
  assert.equal(attributes[ATTR_SERVER_PORT], Number(new URL(server.url).port));
}

function usageOf(attributes: Attributes): Record<string, unknown> {
  return {
    input: attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS],
    output: attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS],
    cacheRead: attributes[ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS],
    reasoning: attributes[ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS],
    estimated: attributes[ATTR_RAGTRACE_USAGE_ESTIMATED],
  };
}

function lastRequestBody(server: LoopbackServer): Record<string, unknown> {
  return server.requests.at(-1)?.body as Record<string, unknown>;
}

export function describeOpenAIInstrumentation(target: OpenAITarget): void {
  const { instrumentation } = target;

  describe(target.label, { skip: target.skip }, () => {
    let server: LoopbackServer;
    let sdk: OpenAISdk;
    let client: OpenAIClient;
    let baseline: Record<string, unknown>;
    let instrumented: Record<string, unknown>;
    let instrumentedSpans: ReadableSpan[];

    before(async () => {
      server = await startOpenAIMockServer();
      sdk = target.load();
      client = newClient(sdk, server.url);
      baseline = await observableResults(client);
      target.instrument(sdk);
      await withTracing(async (tracing) => {
        instrumented = await observableResults(client);
        instrumentedSpans = tracing.spans();
      });
    });

    after(async () => {
      instrumentation.setConfig({});
      await server.close();
    });

    it('returns exactly what the uninstrumented SDK returns: values, chunks, errors, raw bodies', () => {
      assert.deepStrictEqual(instrumented, baseline);
      // Non-enumerable, so deepStrictEqual skips it: the SDK's request id on parsed results.
      const requestId = (result: unknown): unknown => (result as { _request_id?: unknown })._request_id;
      assert.equal(requestId(instrumented.completion), requestId(baseline.completion));
    });

    it('records one span per call, each ended, including failed and streamed ones', () => {
      const names = instrumentedSpans.map((span) => span.name).sort();
      assert.deepEqual(
        names,
        [
          'chat error-400',
          'chat error-429',
          'chat error-500',
          ...Array.from({ length: 8 }, () => `chat ${MODEL}`),
          'chat stream-error',
          'embeddings text-embedding-3-small',
          'embeddings text-embedding-3-small',
          `chat ${REASONING_MODEL}`,
          `chat ${REASONING_MODEL}`,
        ].sort(),
      );
    });

    it('hands back the SDK’s own APIPromise and Stream (withResponse, controller, tee)', async () => {
      await withTracing(async (tracing) => {
        const promise = client.chat.completions.create(ASK);
        assert.equal(promise.constructor.name, 'APIPromise');
        const { data, request_id: requestId } = await promise.withResponse();
        assert.equal((data as { id: string }).id, (baseline.completion as { id: string }).id);
        assert.match(requestId ?? '', /^req_/);
        const stream = (await client.chat.completions.create({ ...ASK, stream: true })) as OpenAIStream;
        assert.equal(stream.constructor.name, 'Stream');
        assert.ok(stream.controller instanceof AbortController);
        const [left, right] = stream.tee();
        assert.deepStrictEqual(await collect(left), await collect(right));
        const spans = tracing.spans();
        assert.equal(spans.length, 2);
        assert.equal(spans[1]!.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'completed');
        assert.equal(
          spans[1]!.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT],
          (baseline.chunks as unknown[]).length,
        );
      });
    });

    it('leaves the body to an app that takes the raw Response, and still ends the span', async () => {
      await withTracing(async (tracing) => {
        const response = await client.chat.completions.create(ASK).asResponse();
        assert.deepStrictEqual(await response.json(), baseline.raw);
        const span = tracing.span(`chat ${MODEL}`);
        assertCommon(span, 'chat', 'generate', MODEL, server);
        assert.equal(span.status.code, SpanStatusCode.UNSET);
      });
    });

    it('records a chat completion attribute by attribute', async () => {
      await withTracing(async (tracing) => {
        const completion = (await client.chat.completions.create({
          ...ASK,
          model: REASONING_MODEL,
          temperature: 0.2,
          top_p: 0.9,
          max_completion_tokens: 64,
          stop: 'END',
          seed: 7,
          frequency_penalty: 0.1,
          presence_penalty: 0.3,
        })) as { id: string };
        const span = tracing.span(`chat ${REASONING_MODEL}`);
        assertCommon(span, 'chat', 'generate', REASONING_MODEL, server);
        const attributes = span.attributes;
        assert.equal(attributes[ATTR_GEN_AI_REQUEST_TEMPERATURE], 0.2);
        assert.equal(attributes[ATTR_GEN_AI_REQUEST_TOP_P], 0.9);
        assert.equal(attributes[ATTR_GEN_AI_REQUEST_MAX_TOKENS], 64);
        assert.deepEqual(attributes[ATTR_GEN_AI_REQUEST_STOP_SEQUENCES], ['END']);
        assert.equal(attributes[ATTR_GEN_AI_REQUEST_SEED], 7);
        assert.equal(attributes[ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY], 0.1);
        assert.equal(attributes[ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY], 0.3);
        assert.equal(attributes[ATTR_GEN_AI_RESPONSE_ID], completion.id);
        assert.equal(attributes[ATTR_GEN_AI_RESPONSE_MODEL], REASONING_MODEL);
        assert.deepEqual(attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS], ['stop']);
        assert.deepEqual(usageOf(attributes), {
          input: INPUT_TOKENS,
          output: REPLY_TOKENS + REASONING_TOKENS,
          cacheRead: tokens(SYSTEM),
          reasoning: REASONING_TOKENS,
          estimated: undefined,
        });
        assert.equal(attributes[ATTR_RAGTRACE_STREAM_OUTCOME], undefined);
        // Content capture is off unless asked for.
        assert.equal(attributes[ATTR_GEN_AI_INPUT_MESSAGES], undefined);
        assert.equal(attributes[ATTR_GEN_AI_OUTPUT_MESSAGES], undefined);
        assert.equal(span.status.code, SpanStatusCode.UNSET);
      });
    });

    it('estimates a stream’s usage, marked as estimated, without touching the request', async () => {
      await withTracing(async (tracing) => {
        const chunks = await collect(await client.chat.completions.create({ ...ASK, stream: true }));
        assert.equal(lastRequestBody(server).stream_options, undefined);
        const span = tracing.span(`chat ${MODEL}`);
        assertCommon(span, 'chat', 'generate', MODEL, server);
        assert.deepEqual(usageOf(span.attributes), {
          input: Math.ceil((SYSTEM.length + QUESTION.length) / 4),
          output: Math.ceil(REPLY.length / 4),
          cacheRead: undefined,
          reasoning: undefined,
          estimated: true,
        });
        assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'completed');
        assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], chunks.length);
        assert.deepEqual(span.attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS], ['stop']);
        assert.equal(span.attributes[ATTR_GEN_AI_RESPONSE_ID], (chunks[0] as { id: string }).id);
        assert.equal(span.attributes[ATTR_GEN_AI_RESPONSE_MODEL], MODEL);
      });
    });

    it('takes a stream’s usage from the usage chunk the caller asked for', async () => {
      await withTracing(async (tracing) => {
        const chunks = await collect(
          await client.chat.completions.create({
            ...ASK,
            stream: true,
            stream_options: { include_usage: true },
          }),
        );
        assert.deepEqual(
          (chunks.at(-1) as { choices: unknown[] }).choices,
          [],
          'the app gets its usage chunk',
        );
        const span = tracing.span(`chat ${MODEL}`);
        assert.deepEqual(usageOf(span.attributes), {
          input: INPUT_TOKENS,
          output: REPLY_TOKENS,
          cacheRead: tokens(SYSTEM),
          reasoning: 0,
          estimated: undefined,
        });
        assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], chunks.length);
      });
    });

    it('with requestStreamUsage, asks for usage and hides the extra chunk: the app’s chunks are unchanged', async () => {
      instrumentation.setConfig({ requestStreamUsage: true });
      try {
        await withTracing(async (tracing) => {
          const chunks = await collect(await client.chat.completions.create({ ...ASK, stream: true }));
          assert.deepEqual(lastRequestBody(server).stream_options, { include_usage: true });
          assert.deepStrictEqual(chunks, baseline.chunks);
          const span = tracing.span(`chat ${MODEL}`);
          assert.deepEqual(usageOf(span.attributes), {
            input: INPUT_TOKENS,
            output: REPLY_TOKENS,
            cacheRead: tokens(SYSTEM),
            reasoning: 0,
            estimated: undefined,
          });
          assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], chunks.length);
          // A caller who asked for usage keeps the chunk.
          const asked = await collect(
            await client.chat.completions.create({
              ...ASK,
              stream: true,
              stream_options: { include_usage: true },
            }),
          );
          assert.deepStrictEqual(asked, baseline.usageChunks);
        });
      } finally {
        instrumentation.setConfig({});
      }
    });

    it('where an enclosing framework run records the call, makes no span and leaves the request alone, requestStreamUsage or not', async () => {
      instrumentation.setConfig({ requestStreamUsage: true });
      try {
        await withTracing(async (tracing) => {
          const recordedAbove = contextWithStageRecordedAbove(context.active(), RAG_STAGE.generate);
          const chunks = await context.with(recordedAbove, async () =>
            collect(await client.chat.completions.create({ ...ASK, stream: true })),
          );
          assert.equal(lastRequestBody(server).stream_options, undefined, 'no usage asked for');
          assert.deepStrictEqual(chunks, baseline.chunks);
          assert.deepEqual(tracing.spans(), []);
        });
      } finally {
        instrumentation.setConfig({});
      }
    });

    it('records tool calls (ids and names in the output when capture is on), streamed or not', async () => {
      instrumentation.setConfig({ captureContent: true });
      try {
        await withTracing(async (tracing) => {
          const completion = (await client.chat.completions.create({ ...ASK, tools: TOOLS })) as {
            choices: { message: { tool_calls: { id: string }[] } }[];
          };
          await collect(await client.chat.completions.create({ ...ASK, tools: TOOLS, stream: true }));
          const callId = completion.choices[0]!.message.tool_calls[0]!.id;
          const expected = [
            {
              role: 'assistant',
              parts: [{ type: 'tool_call', id: callId, name: 'search_docs', arguments: { query: QUESTION } }],
              finish_reason: 'tool_calls',
            },
          ];
          const [plain, streamed] = tracing.spans();
          for (const span of [plain!, streamed!]) {
            assert.deepEqual(span.attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS], ['tool_calls']);
            assert.deepEqual(JSON.parse(span.attributes[ATTR_GEN_AI_OUTPUT_MESSAGES] as string), expected);
            assert.deepEqual(JSON.parse(span.attributes[ATTR_GEN_AI_INPUT_MESSAGES] as string), [
              { role: 'system', parts: [{ type: 'text', content: SYSTEM }] },
              { role: 'user', parts: [{ type: 'text', content: QUESTION }] },
            ]);
          }
          assert.equal(streamed!.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'completed');
        });
      } finally {
        instrumentation.setConfig({});
      }
    });

    it('records a Responses API call, streamed or not, with cached and reasoning tokens', async () => {
      instrumentation.setConfig({ captureContent: true });
      try {
        await withTracing(async (tracing) => {
          const response = (await client.responses.create({
            ...RESPONSE_ASK,
            temperature: 0.5,
            top_p: 0.8,
            max_output_tokens: 100,
          })) as { id: string };
          const events = await collect(await client.responses.create({ ...RESPONSE_ASK, stream: true }));
          const [plain, streamed] = tracing.spans();
          for (const span of [plain!, streamed!]) {
            assertCommon(span, 'chat', 'generate', REASONING_MODEL, server);
            assert.equal(span.attributes[ATTR_GEN_AI_RESPONSE_ID], response.id);
            assert.equal(span.attributes[ATTR_GEN_AI_RESPONSE_MODEL], REASONING_MODEL);
            assert.deepEqual(span.attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS], ['stop']);
            assert.deepEqual(usageOf(span.attributes), {
              input: INPUT_TOKENS,
              output: REPLY_TOKENS + REASONING_TOKENS,
              cacheRead: tokens(SYSTEM),
              reasoning: REASONING_TOKENS,
              estimated: undefined,
            });
            assert.deepEqual(JSON.parse(span.attributes[ATTR_GEN_AI_SYSTEM_INSTRUCTIONS] as string), [
              { type: 'text', content: SYSTEM },
            ]);
            assert.deepEqual(JSON.parse(span.attributes[ATTR_GEN_AI_OUTPUT_MESSAGES] as string), [
              { role: 'assistant', parts: [{ type: 'text', content: REPLY }], finish_reason: 'stop' },
            ]);
          }
          assert.equal(plain!.attributes[ATTR_GEN_AI_REQUEST_TEMPERATURE], 0.5);
          assert.equal(plain!.attributes[ATTR_GEN_AI_REQUEST_TOP_P], 0.8);
          assert.equal(plain!.attributes[ATTR_GEN_AI_REQUEST_MAX_TOKENS], 100);
          assert.equal(streamed!.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'completed');
          assert.equal(streamed!.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], events.length);
        });
      } finally {
        instrumentation.setConfig({});
      }
    });

    it('records embeddings: model, input count, dimensions, usage', async () => {
      await withTracing(async (tracing) => {
        await client.embeddings.create(EMBED_ASK);
        await client.embeddings.create({ ...EMBED_ASK, dimensions: 4, encoding_format: 'float' });
        const [base64, float] = tracing.spans();
        for (const span of [base64!, float!]) {
          assertCommon(span, 'embeddings', 'embed', EMBED_ASK.model, server);
          assert.equal(span.attributes[ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT], 2);
          assert.equal(span.attributes[ATTR_GEN_AI_RESPONSE_MODEL], EMBED_ASK.model);
          assert.equal(span.attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS], tokens(EMBED_ASK.input.join(' ')));
          assert.equal(span.attributes[ATTR_RAGTRACE_INPUT_CONTENT], undefined);
        }
        // Without `dimensions`, the count is read from the (SDK-decoded base64) vectors.
        assert.equal(base64!.attributes[ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT], EMBED_DIMENSIONS);
        assert.equal(base64!.attributes[ATTR_GEN_AI_REQUEST_ENCODING_FORMATS], undefined);
        assert.equal(float!.attributes[ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT], 4);
        assert.deepEqual(float!.attributes[ATTR_GEN_AI_REQUEST_ENCODING_FORMATS], ['float']);
        // Token ids are counted, never captured as text.
        instrumentation.setConfig({ captureContent: true });
        try {
          await client.embeddings.create({ model: EMBED_ASK.model, input: [[1, 2], [3]] });
        } finally {
          instrumentation.setConfig({});
        }
        const tokenIds = tracing.spans()[2]!;
        assert.equal(tokenIds.attributes[ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT], 2);
        assert.equal(tokenIds.attributes[ATTR_RAGTRACE_INPUT_CONTENT], undefined);
      });
    });

    it('records HTTP errors (status, error.type) and a failing stream, rejecting as before', async () => {
      await withTracing(async (tracing) => {
        for (const [index, status] of ERROR_STATUSES.entries()) {
          const error = await rejectionOf(
            client.chat.completions.create({ ...ASK, model: `error-${status}` }),
          );
          assert.deepEqual(errorFacts(error), (baseline.errors as unknown[])[index]);
          const span = tracing.span(`chat error-${status}`);
          assert.equal(span.status.code, SpanStatusCode.ERROR);
          assert.equal(span.status.message, error.message);
          assert.equal(span.attributes[ATTR_ERROR_TYPE], error.constructor.name);
        }
        await rejectionOf(
          collect(await client.chat.completions.create({ ...ASK, model: 'stream-error', stream: true })),
        );
        const failed = tracing.span('chat stream-error');
        assert.equal(failed.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'error');
        assert.equal(failed.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], 2);
        assert.equal(failed.status.code, SpanStatusCode.ERROR);
      });
    });

    it('captures content when configured, and a throwing redact hook does not reach the app', async () => {
      instrumentation.setConfig({ captureContent: true });
      try {
        const redact = (): string => {
          throw new Error('redact hook bug');
        };
        await withTracing(
          async (tracing) => {
            const completion = await client.chat.completions.create(ASK);
            assert.deepStrictEqual(completion, (baseline.withResponse as { data: unknown }).data);
            await client.embeddings.create(EMBED_ASK);
            const [chat, embed] = tracing.spans();
            // The hook failed, so the content is dropped rather than recorded unredacted.
            assert.equal(chat!.attributes[ATTR_GEN_AI_INPUT_MESSAGES], undefined);
            assert.equal(chat!.attributes[ATTR_GEN_AI_RESPONSE_ID], (completion as { id: string }).id);
            assert.equal(embed!.attributes[ATTR_RAGTRACE_INPUT_CONTENT], undefined);
          },
          { redact },
        );
        await withTracing(async (tracing) => {
          await client.embeddings.create(EMBED_ASK);
          assert.equal(
            tracing.spans()[0]!.attributes[ATTR_RAGTRACE_INPUT_CONTENT],
            JSON.stringify(EMBED_ASK.input),
          );
        });
      } finally {
        instrumentation.setConfig({});
      }
    });

    it('keeps a response the mapper cannot read from reaching the app, and reports it to diag', async () => {
      const odd = { id: 'odd', choices: 'not a list', usage: { prompt_tokens: 'many' } };
      const oddServer = await startLoopbackServer((_request, response) => sendJson(response, 200, odd));
      const reported: unknown[][] = [];
      const ignore = (): void => undefined;
      diag.setLogger(
        {
          error: (...args: unknown[]) => reported.push(args),
          warn: ignore,
          info: ignore,
          debug: ignore,
          verbose: ignore,
        },
        DiagLogLevel.ERROR,
      );
      try {
        await withTracing(async (tracing) => {
          assert.deepStrictEqual(await newClient(sdk, oddServer.url).chat.completions.create(ASK), odd);
          const span = tracing.span(`chat ${MODEL}`);
          assert.equal(span.status.code, SpanStatusCode.UNSET);
          assert.equal(span.ended, true);
          assert.ok(
            reported.some((args) => String(args[0]).includes('recording a response failed')),
            `reported to diag: ${JSON.stringify(reported)}`,
          );
        });
      } finally {
        diag.disable();
        await oddServer.close();
      }
    });

    it('records the time to the first chunk, close to the server’s delay', async () => {
      const delayMs = 150;
      const slow = await startOpenAIMockServer({ firstChunkDelayMs: delayMs });
      try {
        await withTracing(async (tracing) => {
          const slowClient = newClient(sdk, slow.url);
          await collect(await slowClient.chat.completions.create({ ...ASK, stream: true }));
          const seconds = tracing.span(`chat ${MODEL}`).attributes[
            ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK
          ] as number;
          assert.ok(seconds >= delayMs / 1000, `time to first chunk ${seconds}s`);
          assert.ok(seconds < delayMs / 1000 + 2, `time to first chunk ${seconds}s`);
        });
      } finally {
        await slow.close();
      }
    });

    it('nests under the active span and under workflow(...)', async () => {
      await withTracing(async (tracing) => {
        await trace.getTracer('test').startActiveSpan('request', async (active) => {
          await client.chat.completions.create(ASK);
          active.end();
        });
        await workflow({ name: 'answer' }, async () => {
          await client.embeddings.create(EMBED_ASK);
          await collect(await client.chat.completions.create({ ...ASK, stream: true }));
        });
        const spans = tracing.spans();
        const byName = (name: string): ReadableSpan[] => spans.filter((span) => span.name === name);
        const [active] = byName('request');
        const [underActive, streamed] = byName(`chat ${MODEL}`);
        assert.equal(underActive!.parentSpanContext?.spanId, active!.spanContext().spanId);
        const flow = spans.find((span) => span.attributes[ATTR_RAGTRACE_STAGE] === 'workflow')!;
        const embed = byName(`embeddings ${EMBED_ASK.model}`)[0]!;
        for (const child of [embed, streamed!]) {
          assert.equal(child.parentSpanContext?.spanId, flow.spanContext().spanId);
          assert.equal(child.spanContext().traceId, flow.spanContext().traceId);
        }
      });
    });
  });
}
