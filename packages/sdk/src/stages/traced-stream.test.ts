import { SpanStatusCode } from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_RAGTRACE_STREAM_CHUNK_COUNT,
  ATTR_RAGTRACE_STREAM_OUTCOME,
  ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { MemoryTracing } from '../testing/memory-tracing.js';
import { setupMemoryTracing } from '../testing/memory-tracing.js';
import { chunkStream, collect } from '../test-support/streams.js';
import { generate } from './generate.js';
import { toolCall } from './tool-call.js';

describe('streamed results', () => {
  let tracing: MemoryTracing;
  before(() => {
    tracing = setupMemoryTracing();
  });
  afterEach(() => tracing.reset());
  after(() => tracing.shutdown());

  it('yields exactly the same chunks and ends the span when the stream completes', async () => {
    const chunks = [{ delta: 'Hel' }, { delta: 'lo' }, { delta: '!' }];
    const stream = generate({ model: 'gpt-4o' }, () => chunkStream(chunks));

    assert.equal(tracing.spans().length, 0, 'the span stays open until the stream is consumed');
    const received = await collect(stream);

    assert.equal(received.length, 3);
    received.forEach((chunk, index) => assert.equal(chunk, chunks[index], 'same chunk objects'));
    const span = tracing.span('chat gpt-4o');
    assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'completed');
    assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], 3);
    assert.equal(span.status.code, SpanStatusCode.UNSET);
  });

  it('follows a stream returned through a promise', async () => {
    const stream = await generate({ model: 'gpt-4o' }, async () => chunkStream(['a', 'b']));

    assert.deepEqual(await collect(stream), ['a', 'b']);
    assert.equal(tracing.span('chat gpt-4o').attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], 2);
  });

  it('records time to first chunk, in seconds from span start', async () => {
    const stream = generate({ model: 'gpt-4o' }, () => chunkStream(['late'], { firstChunkDelayMs: 60 }));
    await collect(stream);

    const ttfc = tracing.span('chat gpt-4o').attributes[ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK];
    assert.equal(typeof ttfc, 'number');
    assert.ok(
      (ttfc as number) >= 0.05,
      `time to first chunk ${String(ttfc)}s should include the 60 ms delay`,
    );
    assert.ok((ttfc as number) < 5, `time to first chunk ${String(ttfc)}s should be in seconds`);
  });

  it('records a stream that throws as an error and rethrows the original error', async () => {
    class StreamBrokenError extends Error {}
    const failure = new StreamBrokenError('connection reset');
    const stream = generate({ model: 'gpt-4o' }, () => chunkStream(['a', 'b'], { failure }));

    const received: string[] = [];
    await assert.rejects(
      async () => {
        for await (const chunk of stream) received.push(chunk);
      },
      (error) => error === failure,
    );

    assert.deepEqual(received, ['a', 'b']);
    const span = tracing.span('chat gpt-4o');
    assert.equal(span.status.code, SpanStatusCode.ERROR);
    assert.equal(span.attributes[ATTR_ERROR_TYPE], 'StreamBrokenError');
    assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'error');
    assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], 2);
    assert.equal(span.events.filter((event) => event.name === 'exception').length, 1);
  });

  it('records a stream the consumer abandons with break, and closes the source', async () => {
    let sourceClosed = false;
    async function* source(): AsyncGenerator<number> {
      try {
        for (let chunk = 0; ; chunk += 1) yield chunk;
      } finally {
        sourceClosed = true;
      }
    }
    const stream = generate({ model: 'gpt-4o' }, () => source());

    for await (const chunk of stream) {
      if (chunk === 2) break;
    }

    assert.equal(sourceClosed, true);
    const span = tracing.span('chat gpt-4o');
    assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'abandoned');
    assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], 3);
    assert.equal(span.status.code, SpanStatusCode.UNSET);
  });

  it('ends the span when the consumer returns before reading anything', async () => {
    const stream = generate({ model: 'gpt-4o' }, () => chunkStream(['never read']));

    await stream[Symbol.asyncIterator]().return?.();

    const span = tracing.span('chat gpt-4o');
    assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'abandoned');
    assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], 0);
    assert.equal(ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK in span.attributes, false);
  });

  it('nests spans created while producing chunks under the streaming span', async () => {
    async function* source(): AsyncGenerator<string> {
      yield await toolCall({ name: 'fetch_part' }, async () => 'part');
    }

    await collect(generate({ model: 'gpt-4o' }, () => source()));

    const chat = tracing.span('chat gpt-4o');
    assert.equal(
      tracing.span('execute_tool fetch_part').parentSpanContext?.spanId,
      chat.spanContext().spanId,
    );
  });

  it('keeps streaming when onChunk throws', async () => {
    const stream = generate(
      {
        model: 'gpt-4o',
        onChunk: () => {
          throw new Error('bug in the caller’s accumulator');
        },
      },
      () => chunkStream(['a', 'b']),
    );

    assert.deepEqual(await collect(stream), ['a', 'b']);
    assert.equal(tracing.span('chat gpt-4o').attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'completed');
  });
});
