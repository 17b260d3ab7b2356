import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS,
  ATTR_RAGTRACE_STREAM_CHUNK_COUNT,
  ATTR_RAGTRACE_STAGE,
  ATTR_RAGTRACE_STREAM_OUTCOME,
  RAG_STAGE,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { MemoryTracing } from '../testing/memory-tracing.js';
import { setupMemoryTracing } from '../testing/memory-tracing.js';
import { chunkStream, collect } from '../test-support/streams.js';
import { beginEmbed } from './embed.js';
import { beginGenerate } from './generate.js';
import { contextWithStageRecordedAbove, isStageRecordedAbove } from './recorded-above.js';
import { beginRetrieve } from './retrieve.js';

/** A library's own stream class: extra members that a look-alike wrapper would lose. */
class LibraryStream<T> implements AsyncIterable<T> {
  readonly controller = new AbortController();
  constructor(private readonly chunks: readonly T[]) {}
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return chunkStream(this.chunks)[Symbol.asyncIterator]();
  }
}

describe('begin* (open-ended stages for instrumentations)', () => {
  let tracing: MemoryTracing;
  before(() => {
    tracing = setupMemoryTracing();
  });
  afterEach(() => tracing.reset());
  after(() => tracing.shutdown());

  it('keeps the span open until succeed, and nests work run in its context', () => {
    const stage = beginGenerate({ model: 'gpt-4o', provider: 'openai' });
    const childSpanId = context.with(stage.context, () => {
      const child = trace.getTracer('test').startSpan('POST /v1/chat/completions');
      child.end();
      return child.spanContext().spanId;
    });
    stage.span.setUsage({ inputTokens: 12 });
    assert.equal(tracing.spans().length, 1, 'only the child has ended');
    stage.succeed();

    const span = tracing.span('chat gpt-4o');
    assert.equal(span.attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS], 12);
    const child = tracing.span('POST /v1/chat/completions');
    assert.equal(child.spanContext().spanId, childSpanId);
    assert.equal(child.parentSpanContext?.spanId, span.spanContext().spanId);
  });

  it('feeds succeed(result) to extractDocuments', () => {
    const stage = beginRetrieve<{ hits: string[] }>({
      dataSource: 'docs',
      extractDocuments: (result) => result.hits.map((id) => ({ id })),
    });
    stage.succeed({ hits: ['a', 'b'] });
    assert.deepEqual(tracing.span('retrieval docs').attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], [
      'a',
      'b',
    ]);
  });

  it('records a failure and ends the span', () => {
    const stage = beginGenerate({ model: 'gpt-4o' });
    stage.fail(new TypeError('bad request'));
    const span = tracing.span('chat gpt-4o');
    assert.equal(span.status.code, SpanStatusCode.ERROR);
    assert.equal(span.attributes['error.type'], 'TypeError');
  });

  it('follows a stream in place: the same object, its own members kept, chunks untouched', async () => {
    const stage = beginGenerate({ model: 'gpt-4o' });
    const stream = new LibraryStream([{ delta: 'a' }, { delta: 'b' }]);
    const followed = stage.followStream(stream);

    assert.equal(followed, stream);
    assert.ok(followed.controller instanceof AbortController);
    assert.equal(tracing.spans().length, 0, 'open until the stream is consumed');
    assert.deepEqual(await collect(followed), [{ delta: 'a' }, { delta: 'b' }]);
    const span = tracing.span('chat gpt-4o');
    assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'completed');
    assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], 2);
  });

  it('keeps back the chunks keepChunk refuses: the app never sees them, nor does the chunk count', async () => {
    const stage = beginGenerate({ model: 'gpt-4o' });
    const seen: unknown[] = [];
    const stream = new LibraryStream([{ delta: 'a' }, { usage: 3 }, { delta: 'b' }, { usage: 4 }]);
    const followed = stage.followStream(stream, {
      keepChunk: (chunk) => {
        seen.push(chunk);
        return !('usage' in (chunk as object));
      },
    });

    assert.deepEqual(await collect(followed), [{ delta: 'a' }, { delta: 'b' }]);
    assert.equal(seen.length, 4, 'keepChunk saw every chunk of the source');
    const span = tracing.span('chat gpt-4o');
    assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'completed');
    assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], 2);
  });

  it('lets an instrumentation override content capture for its stages', () => {
    const messages = [{ role: 'user', content: 'hi' }];
    beginGenerate({ model: 'off', messages }).succeed();
    beginGenerate({ model: 'on', messages }, { captureContent: true }).succeed();
    assert.equal(tracing.span('chat off').attributes[ATTR_GEN_AI_INPUT_MESSAGES], undefined);
    assert.equal(typeof tracing.span('chat on').attributes[ATTR_GEN_AI_INPUT_MESSAGES], 'string');
  });

  describe('under a framework run that records the stage already', () => {
    const underGenerateRun = <T>(fn: () => T): T =>
      context.with(contextWithStageRecordedAbove(context.active(), RAG_STAGE.generate), fn);

    it('begins that stage inactive: no span, and the call runs in the marked context', () => {
      const stage = underGenerateRun(() => beginGenerate({ model: 'gpt-4o' }));
      stage.span.setUsage({ inputTokens: 12 });
      stage.succeed();
      assert.deepEqual(tracing.spans(), []);
      assert.ok(isStageRecordedAbove(stage.context, RAG_STAGE.generate));
      const stream = new LibraryStream([1, 2]);
      assert.equal(stage.followStream(stream), stream);
    });

    it('still records the other stages', () => {
      underGenerateRun(() => {
        beginEmbed({ model: 'text-embedding-3-small' }).succeed();
        beginRetrieve({ dataSource: 'docs' }).succeed();
      });
      assert.deepEqual(
        tracing
          .spans()
          .map((span) => span.name)
          .sort(),
        ['embeddings text-embedding-3-small', 'retrieval docs'],
      );
    });

    it("still records the framework's own run span", () => {
      underGenerateRun(() => beginGenerate({ model: 'gpt-4o' }, { frameworkRun: true }).succeed());
      assert.equal(tracing.spans().length, 1);
      assert.equal(tracing.span('chat gpt-4o').attributes[ATTR_RAGTRACE_STAGE], RAG_STAGE.generate);
    });

    it('does not leak out of the context it was set in', () => {
      underGenerateRun(() => undefined);
      assert.equal(isStageRecordedAbove(context.active(), RAG_STAGE.generate), false);
      beginGenerate({ model: 'gpt-4o' }).succeed();
      assert.equal(tracing.spans().length, 1);
    });

    it('marks each stage once, keeping the stages marked before', () => {
      const once = contextWithStageRecordedAbove(context.active(), RAG_STAGE.generate);
      assert.equal(contextWithStageRecordedAbove(once, RAG_STAGE.generate), once);
      const both = contextWithStageRecordedAbove(once, RAG_STAGE.embed);
      assert.ok(isStageRecordedAbove(both, RAG_STAGE.generate));
      assert.ok(isStageRecordedAbove(both, RAG_STAGE.embed));
      assert.equal(isStageRecordedAbove(once, RAG_STAGE.embed), false);
    });
  });
});
