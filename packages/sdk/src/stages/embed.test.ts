import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT,
  ATTR_RAGTRACE_STAGE,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { MemoryTracing } from '../testing/memory-tracing.js';
import { setupMemoryTracing } from '../testing/memory-tracing.js';
import { embed } from './embed.js';

describe('embed', () => {
  let tracing: MemoryTracing;
  before(() => {
    tracing = setupMemoryTracing();
  });
  afterEach(() => tracing.reset());
  after(() => tracing.shutdown());

  it('records a synchronous embeddings call as a CLIENT span', () => {
    const vectors = embed(
      { model: 'text-embedding-3-small', provider: 'openai', input: ['a', 'b', 'c'], dimensions: 64 },
      () => [[1], [2], [3]],
    );

    assert.deepEqual(vectors, [[1], [2], [3]]);
    const span = tracing.span('embeddings text-embedding-3-small');
    assert.equal(span.kind, SpanKind.CLIENT);
    assert.equal(span.attributes[ATTR_GEN_AI_OPERATION_NAME], 'embeddings');
    assert.equal(span.attributes[ATTR_RAGTRACE_STAGE], 'embed');
    assert.equal(span.attributes[ATTR_GEN_AI_PROVIDER_NAME], 'openai');
    assert.equal(span.attributes[ATTR_GEN_AI_REQUEST_MODEL], 'text-embedding-3-small');
    assert.equal(span.attributes[ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT], 64);
    assert.equal(span.attributes[ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT], 3);
  });

  it('counts a single string input as one', () => {
    embed({ model: 'm', input: 'just one' }, () => [0]);

    assert.equal(tracing.span('embeddings m').attributes[ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT], 1);
  });

  it('records usage and response model of an asynchronous call', async () => {
    await embed({ model: 'text-embedding-3-small' }, async (span) => {
      await Promise.resolve();
      span.setUsage({ inputTokens: 9 });
      span.setResponse({ model: 'text-embedding-3-small-v2' });
      return [[0.1]];
    });

    const span = tracing.span('embeddings text-embedding-3-small');
    assert.equal(span.attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS], 9);
    assert.equal(span.attributes[ATTR_GEN_AI_RESPONSE_MODEL], 'text-embedding-3-small-v2');
  });

  it('marks a synchronous throw as an error and rethrows it unchanged', () => {
    const failure = new TypeError('bad input');

    assert.throws(
      () =>
        embed({ model: 'm' }, () => {
          throw failure;
        }),
      (error) => error === failure,
    );

    const span = tracing.span('embeddings m');
    assert.equal(span.status.code, SpanStatusCode.ERROR);
    assert.equal(span.attributes[ATTR_ERROR_TYPE], 'TypeError');
    assert.equal(span.events[0]?.name, 'exception');
  });
});
