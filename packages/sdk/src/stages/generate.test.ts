import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY,
  ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_RAGTRACE_PROMPT_VERSION,
  ATTR_RAGTRACE_STAGE,
  ATTR_RAGTRACE_STREAM_CHUNK_COUNT,
  ATTR_RAGTRACE_STREAM_OUTCOME,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { MemoryTracing } from '../testing/memory-tracing.js';
import { setupMemoryTracing } from '../testing/memory-tracing.js';
import { chunkStream, collect } from '../test-support/streams.js';
import { generate } from './generate.js';

interface CompletionChunk {
  text: string;
  usage?: { prompt: number; completion: number };
}

describe('generate', () => {
  let tracing: MemoryTracing;
  before(() => {
    tracing = setupMemoryTracing();
  });
  afterEach(() => tracing.reset());
  after(() => tracing.shutdown());

  it('records the request as a CLIENT chat span named after the model', () => {
    const answer = generate(
      {
        model: 'gpt-4o',
        provider: 'openai',
        temperature: 0.2,
        topP: 0.9,
        topK: 40,
        maxTokens: 256,
        frequencyPenalty: 0.1,
        presencePenalty: 0.3,
        stopSequences: ['###'],
        seed: 7,
        prompt: { name: 'rag-answer', version: 'v2' },
        conversationId: 'conv-1',
      },
      () => 'sync answer',
    );

    assert.equal(answer, 'sync answer');
    const span = tracing.span('chat gpt-4o');
    assert.equal(span.kind, SpanKind.CLIENT);
    assert.equal(span.status.code, SpanStatusCode.UNSET);
    assert.equal(span.attributes[ATTR_GEN_AI_OPERATION_NAME], 'chat');
    assert.equal(span.attributes[ATTR_RAGTRACE_STAGE], 'generate');
    assert.equal(span.attributes[ATTR_GEN_AI_PROVIDER_NAME], 'openai');
    assert.equal(span.attributes[ATTR_GEN_AI_REQUEST_MODEL], 'gpt-4o');
    assert.equal(span.attributes[ATTR_GEN_AI_REQUEST_TEMPERATURE], 0.2);
    assert.equal(span.attributes[ATTR_GEN_AI_REQUEST_TOP_P], 0.9);
    assert.equal(span.attributes[ATTR_GEN_AI_REQUEST_TOP_K], 40);
    assert.equal(span.attributes[ATTR_GEN_AI_REQUEST_MAX_TOKENS], 256);
    assert.equal(span.attributes[ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY], 0.1);
    assert.equal(span.attributes[ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY], 0.3);
    assert.deepEqual(span.attributes[ATTR_GEN_AI_REQUEST_STOP_SEQUENCES], ['###']);
    assert.equal(span.attributes[ATTR_GEN_AI_REQUEST_SEED], 7);
    assert.equal(span.attributes[ATTR_GEN_AI_PROMPT_NAME], 'rag-answer');
    assert.equal(span.attributes[ATTR_RAGTRACE_PROMPT_VERSION], 'v2');
    assert.equal(span.attributes[ATTR_GEN_AI_CONVERSATION_ID], 'conv-1');
  });

  it('leaves options that were not given off the span instead of recording undefined', () => {
    generate({ model: 'gpt-4o-mini' }, () => undefined);

    const span = tracing.span('chat gpt-4o-mini');
    for (const key of [
      ATTR_GEN_AI_PROVIDER_NAME,
      ATTR_GEN_AI_REQUEST_TEMPERATURE,
      ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
      ATTR_GEN_AI_PROMPT_NAME,
      ATTR_RAGTRACE_PROMPT_VERSION,
      ATTR_GEN_AI_CONVERSATION_ID,
    ]) {
      assert.equal(key in span.attributes, false, `${key} should be absent`);
    }
  });

  it("records the caller's own attributes, which never replace the stage's, not even unset ones", () => {
    const tenant = 'app.tenant';
    const unset = 'app.unset';
    generate(
      {
        model: 'gpt-4o-mini',
        attributes: {
          [tenant]: 'acme',
          [unset]: undefined,
          [ATTR_GEN_AI_REQUEST_MODEL]: 'spoofed',
          [ATTR_GEN_AI_CONVERSATION_ID]: 'conv-from-attributes',
        },
      },
      () => undefined,
    );

    const span = tracing.span('chat gpt-4o-mini');
    assert.equal(span.attributes[tenant], 'acme');
    assert.equal(unset in span.attributes, false);
    assert.equal(span.attributes[ATTR_GEN_AI_REQUEST_MODEL], 'gpt-4o-mini');
    // No conversationId option: the stage's own attribute is absent, not taken from `attributes`.
    assert.equal(ATTR_GEN_AI_CONVERSATION_ID in span.attributes, false);
  });

  it('names text completions after their operation', () => {
    generate({ model: 'davinci-002', operation: 'text_completion' }, () => 'done');

    const span = tracing.span('text_completion davinci-002');
    assert.equal(span.attributes[ATTR_GEN_AI_OPERATION_NAME], 'text_completion');
  });

  it('records usage and response details set through the handle after an await', async () => {
    const answer = await generate({ model: 'gpt-4o' }, async (span) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      span.setUsage({
        inputTokens: 120,
        outputTokens: 30,
        cacheReadTokens: 64,
        cacheCreationTokens: 8,
        reasoningTokens: 12,
      });
      span.setResponse({ model: 'gpt-4o-2024-08-06', id: 'chatcmpl-1', finishReasons: ['stop'] });
      return 'async answer';
    });

    assert.equal(answer, 'async answer');
    const span = tracing.span('chat gpt-4o');
    assert.equal(span.attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS], 120);
    assert.equal(span.attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS], 30);
    assert.equal(span.attributes[ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS], 64);
    assert.equal(span.attributes[ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS], 8);
    assert.equal(span.attributes[ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS], 12);
    assert.equal(span.attributes[ATTR_GEN_AI_RESPONSE_MODEL], 'gpt-4o-2024-08-06');
    assert.equal(span.attributes[ATTR_GEN_AI_RESPONSE_ID], 'chatcmpl-1');
    assert.deepEqual(span.attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS], ['stop']);
  });

  it('lets onChunk derive usage from a streamed response', async () => {
    const chunks: CompletionChunk[] = [
      { text: 'Hel' },
      { text: 'lo' },
      { text: '', usage: { prompt: 11, completion: 2 } },
    ];
    const stream = generate(
      {
        model: 'gpt-4o',
        onChunk: (chunk: CompletionChunk, span) => {
          if (chunk.usage)
            span.setUsage({ inputTokens: chunk.usage.prompt, outputTokens: chunk.usage.completion });
        },
      },
      () => chunkStream(chunks),
    );

    assert.deepEqual(await collect(stream), chunks);
    const span = tracing.span('chat gpt-4o');
    assert.equal(span.attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS], 11);
    assert.equal(span.attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS], 2);
    assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], 3);
    assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'completed');
  });

  it('marks a rejected call as an error and rethrows the original error', async () => {
    class RateLimitError extends Error {}
    const failure = new RateLimitError('slow down');

    await assert.rejects(
      generate({ model: 'gpt-4o' }, async () => {
        throw failure;
      }),
      (error) => error === failure,
    );

    const span = tracing.span('chat gpt-4o');
    assert.equal(span.status.code, SpanStatusCode.ERROR);
    assert.equal(span.status.message, 'slow down');
    assert.equal(span.attributes[ATTR_ERROR_TYPE], 'RateLimitError');
  });
});
