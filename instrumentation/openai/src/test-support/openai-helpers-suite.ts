import { startOpenAIMockServer } from '@ragtrace/instrumentation-test-kit';
import { setupMemoryTracing } from '@ragtrace/sdk/testing';
import {
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_RAGTRACE_STREAM_CHUNK_COUNT,
  ATTR_RAGTRACE_STREAM_OUTCOME,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OpenAIClientOptions } from './openai-sdk.js';

/** The helpers the SDK builds on `create` (6.x and 7.x), as far as the test uses them. */
interface HelperClient {
  readonly chat: {
    readonly completions: {
      stream(params: object): { finalChatCompletion(): Promise<unknown> };
      parse(params: object): Promise<{ id: string }>;
      create(params: object): Promise<AsyncIterable<unknown>>;
    };
  };
  readonly responses: {
    stream(params: object): { finalResponse(): Promise<unknown> };
    parse(params: object): Promise<{ id: string }>;
  };
}

export interface OpenAIHelpersSdk {
  readonly OpenAI: new (options: OpenAIClientOptions) => HelperClient;
}

export interface OpenAIHelpersTarget {
  /** e.g. `openai 6.49.0 through the module hook`. */
  readonly label: string;
  /** Loads the SDK, instrumented (called once). */
  load(): OpenAIHelpersSdk;
  /** Why the test cannot run here; it runs when absent. */
  readonly skip?: string;
}

/**
 * `stream()` and `parse()` call `create` and derive their own promise from the one it returns
 * (`_thenUnwrap`); the app awaits only the derived one, so the span must end through it.
 */
export function describeOpenAIHelpers(target: OpenAIHelpersTarget): void {
  describe(`${target.label}: the SDK's own helpers`, { skip: target.skip }, () => {
    it('records stream() and parse() of chat completions and responses, and an abandoned stream', async () => {
      const server = await startOpenAIMockServer();
      const tracing = setupMemoryTracing();
      try {
        const { OpenAI } = target.load();
        const client = new OpenAI({ apiKey: 'k', baseURL: `${server.url}/v1`, maxRetries: 0 });
        const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi there' }] };
        const input = { model: 'gpt-4o-mini', input: 'hi there' };
        await client.chat.completions.stream(ask).finalChatCompletion();
        await client.responses.stream(input).finalResponse();
        const parsedCompletion = await client.chat.completions.parse(ask);
        const parsedResponse = await client.responses.parse(input);
        for await (const chunk of await client.chat.completions.create({ ...ask, stream: true })) {
          assert.ok(chunk);
          break;
        }
        const spans = tracing.spans();
        assert.equal(spans.length, 5, 'one span per helper call, each ended');
        const [chatStream, responsesStream, chatParse, responsesParse, abandoned] = spans;
        for (const span of [chatStream!, responsesStream!]) {
          assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'completed');
          assert.deepEqual(span.attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS], ['stop']);
        }
        for (const [span, parsed] of [
          [chatParse!, parsedCompletion],
          [responsesParse!, parsedResponse],
        ] as const) {
          assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], undefined);
          assert.equal(span.attributes[ATTR_GEN_AI_RESPONSE_ID], parsed.id);
          assert.deepEqual(span.attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS], ['stop']);
        }
        assert.equal(abandoned!.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'abandoned');
        assert.equal(abandoned!.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], 1);
      } finally {
        await tracing.shutdown();
        await server.close();
      }
    });
  });
}
