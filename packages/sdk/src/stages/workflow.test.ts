import { SpanKind } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_RAGTRACE_STAGE,
  ATTR_RAGTRACE_WORKFLOW_NAME,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, afterEach, before, describe, it } from 'node:test';
import type { MemoryTracing } from '../testing/memory-tracing.js';
import { setupMemoryTracing } from '../testing/memory-tracing.js';
import { chunkStream, collect } from '../test-support/streams.js';
import { embed } from './embed.js';
import { generate } from './generate.js';
import { retrieve } from './retrieve.js';
import { workflow } from './workflow.js';

describe('workflow', () => {
  let tracing: MemoryTracing;
  before(() => {
    tracing = setupMemoryTracing();
  });
  afterEach(() => tracing.reset());
  after(() => tracing.shutdown());

  it('records the workflow as the INTERNAL parent of every stage, across awaits', async () => {
    const answer = await workflow({ name: 'answer-question' }, async () => {
      await sleep(2);
      await embed({ model: 'm' }, async () => [0.1]);
      await sleep(2);
      await retrieve({ dataSource: 'docs' }, async () => []);
      await sleep(2);
      return generate({ model: 'gpt-4o' }, async () => {
        await sleep(2);
        return 'answer';
      });
    });

    assert.equal(answer, 'answer');
    const root = tracing.span('invoke_workflow answer-question');
    assert.equal(root.kind, SpanKind.INTERNAL);
    assert.equal(root.attributes[ATTR_GEN_AI_OPERATION_NAME], 'invoke_workflow');
    assert.equal(root.attributes[ATTR_RAGTRACE_STAGE], 'workflow');
    assert.equal(root.attributes[ATTR_RAGTRACE_WORKFLOW_NAME], 'answer-question');
    assert.equal(root.parentSpanContext, undefined);
    for (const name of ['embeddings m', 'retrieval docs', 'chat gpt-4o']) {
      const child = tracing.span(name);
      assert.equal(child.parentSpanContext?.spanId, root.spanContext().spanId, `${name} parent`);
      assert.equal(child.spanContext().traceId, root.spanContext().traceId, `${name} trace`);
    }
  });

  it('keeps a stream consumed inside the workflow as its child, and ends the workflow last', async () => {
    await workflow({ name: 'stream-answer' }, async () => {
      const stream = generate({ model: 'gpt-4o' }, async () =>
        chunkStream(['a', 'b'], { firstChunkDelayMs: 2 }),
      );
      return (await collect(await stream)).join('');
    });

    const root = tracing.span('invoke_workflow stream-answer');
    const chat = tracing.span('chat gpt-4o');
    assert.equal(chat.parentSpanContext?.spanId, root.spanContext().spanId);
    assert.deepEqual(
      tracing.spans().map((span) => span.name),
      ['chat gpt-4o', 'invoke_workflow stream-answer'],
    );
  });

  it('starts separate traces for sibling workflows', async () => {
    await Promise.all([
      workflow({ name: 'first' }, () => generate({ model: 'a' }, async () => 'x')),
      workflow({ name: 'second' }, () => generate({ model: 'b' }, async () => 'y')),
    ]);

    const first = tracing.span('invoke_workflow first');
    const second = tracing.span('invoke_workflow second');
    assert.notEqual(first.spanContext().traceId, second.spanContext().traceId);
    assert.equal(tracing.span('chat a').parentSpanContext?.spanId, first.spanContext().spanId);
    assert.equal(tracing.span('chat b').parentSpanContext?.spanId, second.spanContext().spanId);
  });
});
