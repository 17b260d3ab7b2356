import { diag, DiagLogLevel, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  collect,
  errorFacts,
  rejectionOf,
  startAnthropicMockServer,
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
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_RAGTRACE_STAGE,
  ATTR_RAGTRACE_STREAM_CHUNK_COUNT,
  ATTR_RAGTRACE_STREAM_OUTCOME,
  ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { AnthropicInstrumentation } from '../anthropic-instrumentation.js';

/** The surface of @anthropic-ai/sdk that both majors share and the tests use. */
interface MessagesApi {
  create(params: object): Promise<unknown> & {
    withResponse(): Promise<{ data: unknown; response: Response }>;
    asResponse(): Promise<Response>;
  };
  stream(params: object): { finalMessage(): Promise<unknown> };
}
export interface AnthropicClient {
  readonly messages: MessagesApi;
}
export interface AnthropicSdk {
  readonly Anthropic: new (options: {
    apiKey: string;
    baseURL: string;
    maxRetries: number;
  }) => AnthropicClient;
  readonly NotFoundError: new (...args: never[]) => Error;
}

export interface AnthropicTarget {
  /** e.g. `@anthropic-ai/sdk 1.14.0 through the module hook`. */
  readonly label: string;
  readonly instrumentation: AnthropicInstrumentation;
  /** Loads the SDK with the instrumentation off (called once). */
  load(): AnthropicSdk;
  /** Turns the instrumentation on for the loaded SDK; returns the module the app now uses. */
  instrument(sdk: AnthropicSdk): AnthropicSdk;
  /** Spans the SDK itself emits (1.x has built-in tracing), to leave out of span counts. */
  readonly ownSpanNames: readonly string[];
}

const MODEL = 'claude-test-1';
const ASK = { model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'what is ragtrace' }] };
const TOOLS = [{ name: 'search_docs', description: 'Search', input_schema: { type: 'object' } }];
const CACHED_SYSTEM = [
  {
    type: 'text',
    text: 'You answer questions about tracing, briefly.',
    cache_control: { type: 'ephemeral' },
  },
];

/** What an app sees from a fixed set of calls: compared with and without instrumentation. */
async function observableResults(client: AnthropicClient): Promise<unknown> {
  const message = await client.messages.create({ ...ASK, temperature: 0.2 });
  const withResponse = await client.messages.create(ASK).withResponse();
  const raw = await (await client.messages.create({ ...ASK, top_k: 5 }).asResponse()).json();
  const events = await collect(
    (await client.messages.create({ ...ASK, stream: true })) as AsyncIterable<unknown>,
  );
  const toolEvents = await collect(
    (await client.messages.create({ ...ASK, tools: TOOLS, stream: true })) as AsyncIterable<unknown>,
  );
  const final = await client.messages.stream({ ...ASK, tools: TOOLS }).finalMessage();
  const error = errorFacts(await rejectionOf(client.messages.create({ ...ASK, model: 'claude-missing' })));
  const streamError = errorFacts(
    await rejectionOf(
      (async () =>
        collect(
          (await client.messages.create({
            ...ASK,
            model: 'stream-error',
            stream: true,
          })) as AsyncIterable<unknown>,
        ))(),
    ),
  );
  return {
    message,
    withResponse: { data: withResponse.data, status: withResponse.response.status },
    raw,
    events,
    toolEvents,
    final,
    error,
    streamError,
  };
}

function generateSpans(tracing: MemoryTracing, target: AnthropicTarget): ReadableSpan[] {
  return tracing.spans().filter((span) => !target.ownSpanNames.includes(span.name));
}

function onlySpan(tracing: MemoryTracing, target: AnthropicTarget): ReadableSpan {
  return theOnly(generateSpans(tracing, target), 'generate span');
}

function parsed(value: unknown): unknown {
  assert.equal(typeof value, 'string');
  return JSON.parse(value as string);
}

/** The same scenarios for every SDK major: attributes, content, streams, errors and guarantees. */
export function describeAnthropicInstrumentation(target: AnthropicTarget): void {
  describe(`AnthropicInstrumentation with ${target.label}`, () => {
    let server: LoopbackServer;
    let tracing: MemoryTracing;
    let sdk: AnthropicSdk;
    let client: AnthropicClient;
    let uninstrumentedResults: unknown;

    before(async () => {
      server = await startAnthropicMockServer();
      tracing = setupMemoryTracing();
      const options = { apiKey: 'test-key', baseURL: server.url, maxRetries: 0 };
      const bare = target.load();
      uninstrumentedResults = await observableResults(new bare.Anthropic(options));
      assert.equal(generateSpans(tracing, target).length, 0, 'no stage spans before instrumenting');
      sdk = target.instrument(bare);
      client = new sdk.Anthropic(options);
    });
    afterEach(() => {
      tracing.reset();
      target.instrumentation.setConfig({});
    });
    after(async () => {
      await tracing.shutdown();
      await server.close();
    });

    it('records a messages.create call as a generate span, attribute by attribute', async () => {
      const message = (await client.messages.create({
        ...ASK,
        temperature: 0.3,
        top_p: 0.9,
        top_k: 40,
        stop_sequences: ['\n\nHuman:'],
      })) as { id: string };

      const span = onlySpan(tracing, target);
      assert.equal(span.name, `chat ${MODEL}`);
      assert.equal(span.kind, SpanKind.CLIENT);
      assert.equal(span.status.code, SpanStatusCode.UNSET);
      const attributes = span.attributes;
      assert.equal(attributes[ATTR_GEN_AI_OPERATION_NAME], 'chat');
      assert.equal(attributes[ATTR_RAGTRACE_STAGE], 'generate');
      assert.equal(attributes[ATTR_GEN_AI_PROVIDER_NAME], 'anthropic');
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_MODEL], MODEL);
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_MAX_TOKENS], 64);
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_TEMPERATURE], 0.3);
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_TOP_P], 0.9);
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_TOP_K], 40);
      assert.deepEqual(attributes[ATTR_GEN_AI_REQUEST_STOP_SEQUENCES], ['\n\nHuman:']);
      assert.equal(attributes[ATTR_GEN_AI_RESPONSE_ID], message.id);
      assert.equal(attributes[ATTR_GEN_AI_RESPONSE_MODEL], MODEL);
      assert.deepEqual(attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS], ['end_turn']);
      // "what is ragtrace" is 3 words in; "echo: what is ragtrace" is 4 words out.
      assert.equal(attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS], 3);
      assert.equal(attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS], 4);
      assert.equal(attributes[ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS], 0);
      assert.equal(attributes[ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS], 0);
      for (const content of [
        ATTR_GEN_AI_INPUT_MESSAGES,
        ATTR_GEN_AI_OUTPUT_MESSAGES,
        ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
      ]) {
        assert.equal(attributes[content], undefined, `${content} is content: off by default`);
      }
    });

    it('counts cache writes and reads, and includes them in the input tokens', async () => {
      const system = [{ ...CACHED_SYSTEM[0]!, text: `${target.label}: ${CACHED_SYSTEM[0]!.text}` }];
      await client.messages.create({ ...ASK, system });
      await client.messages
        .create({ ...ASK, system, stream: true })
        .then((stream) => collect(stream as AsyncIterable<unknown>));
      const [written, read] = generateSpans(tracing, target).map((span) => span.attributes);
      const systemWords = system[0]!.text.split(/\s+/).length;
      assert.equal(written![ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS], systemWords);
      assert.equal(written![ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS], 0);
      assert.equal(written![ATTR_GEN_AI_USAGE_INPUT_TOKENS], 3 + systemWords);
      assert.equal(read![ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS], 0);
      assert.equal(read![ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS], systemWords);
      assert.equal(read![ATTR_GEN_AI_USAGE_INPUT_TOKENS], 3 + systemWords);
    });

    it('follows a stream: chunks, outcome, time to first chunk, usage and stop reason', async () => {
      const stream = (await client.messages.create({ ...ASK, stream: true })) as AsyncIterable<{
        type: string;
      }>;
      assert.equal(generateSpans(tracing, target).length, 0, 'open while the stream is unread');
      const events = await collect(stream);

      const attributes = onlySpan(tracing, target).attributes;
      assert.equal(attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'completed');
      assert.equal(attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], events.length);
      assert.ok((attributes[ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK] as number) >= 0);
      assert.match(String(attributes[ATTR_GEN_AI_RESPONSE_ID]), /^msg_/);
      assert.equal(attributes[ATTR_GEN_AI_RESPONSE_MODEL], MODEL);
      assert.deepEqual(attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS], ['end_turn']);
      assert.equal(attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS], 3);
      assert.equal(attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS], 4);
    });

    it('records tool use, system instructions and messages when capture is on', async () => {
      target.instrumentation.setConfig({ captureContent: true });
      const params = {
        ...ASK,
        system: 'Answer briefly.',
        tools: TOOLS,
        messages: [
          { role: 'user', content: 'find tracing docs' },
          {
            role: 'assistant',
            content: [{ type: 'tool_use', id: 'toolu_1', name: 'search_docs', input: { q: 'a' } }],
          },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'doc-7' }] },
          { role: 'assistant', content: 'Found doc-7.' },
          { role: 'user', content: [{ type: 'text', text: 'now call it again' }] },
        ],
      };
      const message = (await client.messages.create(params)) as { content: { id: string }[] };
      const events = (await collect(
        (await client.messages.create({ ...params, stream: true })) as AsyncIterable<{
          content_block?: { id: string };
        }>,
      )) as { content_block?: { id: string } }[];
      const toolCallIds = [
        message.content[0]!.id,
        events.find((event) => event.content_block)!.content_block!.id,
      ];

      const spans = generateSpans(tracing, target).map((span) => span.attributes);
      assert.equal(spans.length, 2);
      for (const [index, attributes] of spans.entries()) {
        assert.deepEqual(attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS], ['tool_use']);
        assert.deepEqual(parsed(attributes[ATTR_GEN_AI_SYSTEM_INSTRUCTIONS]), [
          { type: 'text', content: 'Answer briefly.' },
        ]);
        assert.deepEqual(parsed(attributes[ATTR_GEN_AI_INPUT_MESSAGES]), [
          { role: 'user', parts: [{ type: 'text', content: 'find tracing docs' }] },
          {
            role: 'assistant',
            parts: [{ type: 'tool_call', id: 'toolu_1', name: 'search_docs', arguments: { q: 'a' } }],
          },
          { role: 'tool', parts: [{ type: 'tool_call_response', id: 'toolu_1', response: 'doc-7' }] },
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
            finish_reason: 'tool_use',
          },
        ]);
      }
    });

    it('covers the messages.stream() helper, which calls create with stream: true', async () => {
      target.instrumentation.setConfig({ captureContent: true });
      const final = (await client.messages.stream(ASK).finalMessage()) as { id: string };
      const attributes = onlySpan(tracing, target).attributes;
      assert.equal(attributes[ATTR_GEN_AI_RESPONSE_ID], final.id);
      assert.equal(attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'completed');
      assert.equal(attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS], 4);
      assert.deepEqual(parsed(attributes[ATTR_GEN_AI_OUTPUT_MESSAGES]), [
        {
          role: 'assistant',
          parts: [{ type: 'text', content: 'echo: what is ragtrace' }],
          finish_reason: 'end_turn',
        },
      ]);
    });

    it('records an API error with its type and the error status, and rethrows it unchanged', async () => {
      const error = await rejectionOf(client.messages.create({ ...ASK, model: 'claude-missing' }));
      assert.ok(error instanceof sdk.NotFoundError);
      const span = onlySpan(tracing, target);
      assert.equal(span.status.code, SpanStatusCode.ERROR);
      assert.equal(span.attributes[ATTR_ERROR_TYPE], 'NotFoundError');
      assert.equal(span.attributes[ATTR_GEN_AI_REQUEST_MODEL], 'claude-missing');
    });

    it('marks a stream that fails midway as an error, and one the app leaves early as abandoned', async () => {
      const failing = (await client.messages.create({
        ...ASK,
        model: 'stream-error',
        stream: true,
      })) as AsyncIterable<unknown>;
      await rejectionOf(collect(failing));
      const left = (await client.messages.create({ ...ASK, stream: true })) as AsyncIterable<unknown>;
      for await (const _event of left) break;

      const [failed, abandoned] = generateSpans(tracing, target);
      assert.equal(failed!.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'error');
      assert.equal(failed!.status.code, SpanStatusCode.ERROR);
      assert.ok(failed!.attributes[ATTR_ERROR_TYPE]);
      assert.equal(abandoned!.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'abandoned');
      assert.equal(abandoned!.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], 1);
    });

    it('returns exactly what the uninstrumented SDK returns: values, chunks and errors', async () => {
      assert.deepEqual(await observableResults(client), uninstrumentedResults);
      assert.equal(generateSpans(tracing, target).length, 8, 'and every call made a span');
    });

    it("hands back the SDK's own APIPromise and Stream objects", async () => {
      const promise = client.messages.create({ ...ASK, stream: true });
      assert.equal(promise.constructor.name, 'APIPromise');
      assert.equal(typeof (promise as { asResponse?: unknown }).asResponse, 'function');
      const stream = (await promise) as AsyncIterable<unknown> & {
        controller: AbortController;
        tee(): unknown[];
      };
      assert.ok(stream.controller instanceof AbortController);
      const [left, right] = stream.tee() as AsyncIterable<unknown>[];
      const events = await collect(left!);
      assert.deepEqual(await collect(right!), events);
      const attributes = onlySpan(tracing, target).attributes;
      assert.equal(attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'completed', 'a teed stream is followed too');
      assert.equal(attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], events.length);
    });

    it('leaves the body to an app that takes the raw response, and still ends the span', async () => {
      const response = await client.messages.create(ASK).asResponse();
      const body = (await response.json()) as { id: string };
      assert.match(body.id, /^msg_/);
      const span = onlySpan(tracing, target);
      assert.equal(span.attributes[ATTR_GEN_AI_REQUEST_MODEL], MODEL);
      assert.equal(span.attributes[ATTR_GEN_AI_RESPONSE_ID], undefined, 'the body was not read for the span');
    });

    it('keeps telemetry failures away from the app: a throwing redact hook, a response it cannot read', async () => {
      const diagnostics: string[] = [];
      const record = (message: string): void => void diagnostics.push(message);
      diag.setLogger(
        { error: record, warn: record, info: () => {}, debug: () => {}, verbose: () => {} },
        { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
      );
      const odd = { id: 'msg_odd', content: 'not a list of blocks', usage: 'none', stop_reason: 7 };
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
        const message = await client.messages.create({ ...ASK, temperature: 0.2 });
        assert.deepEqual(message, (uninstrumentedResults as { message: unknown }).message);
        const oddClient = new sdk.Anthropic({ apiKey: 'k', baseURL: oddServer.url, maxRetries: 0 });
        assert.deepEqual({ ...((await oddClient.messages.create(ASK)) as object) }, odd);
        assert.equal(generateSpans(tracing, target).length, 2, 'both spans still ended');
        assert.ok(diagnostics.length >= 2, `failures were reported to diag: ${diagnostics.join(' | ')}`);
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
        await client.messages.create(ASK);
        const stream = (await client.messages.create({ ...ASK, stream: true })) as AsyncIterable<unknown>;
        for await (const _event of stream) {
          assert.equal(trace.getActiveSpan(), parent, 'the app iterates in its own context');
        }
        parent.end();
      });
      await workflow({ name: 'answer' }, () => client.messages.create(ASK));

      const spans = generateSpans(tracing, target);
      const parent = spans.find((span) => span.name === 'handle request')!;
      const flow = spans.find((span) => span.name.includes('answer'))!;
      const chats = spans.filter((span) => span.name === `chat ${MODEL}`);
      assert.equal(chats.length, 3);
      assert.equal(chats[0]!.parentSpanContext?.spanId, parent.spanContext().spanId);
      assert.equal(chats[1]!.parentSpanContext?.spanId, parent.spanContext().spanId);
      assert.equal(chats[2]!.parentSpanContext?.spanId, flow.spanContext().spanId);
      assert.equal(new Set(chats.slice(0, 2).map((span) => span.spanContext().traceId)).size, 1);
    });
  });
}
