import { context } from '@opentelemetry/api';
import { beginGenerate, beginToolCall } from '@ragtrace/sdk';
import { setupMemoryTracing } from '@ragtrace/sdk/testing';
import { ATTR_RAGTRACE_STREAM_CHUNK_COUNT, ATTR_RAGTRACE_STREAM_OUTCOME } from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { RunSpans } from './run-spans.js';
import { TokenFeed } from './token-feed.js';

it('ends the oldest open run as abandoned once more runs are open than the cap', async () => {
  const tracing = setupMemoryTracing();
  try {
    const runs = new RunSpans(2);
    const stream = beginGenerate({ model: 'streamed-model' });
    const feed = new TokenFeed(stream);
    runs.open('run-1', { kind: 'generate', context: stream.context, stage: stream, feed });
    feed.push('Hel');
    feed.push('lo');
    for (const runId of ['run-2', 'run-3']) {
      const stage = beginToolCall({ name: `tool-${runId}` });
      runs.open(runId, { kind: 'tool', context: stage.context, stage });
    }
    await nextTurn();

    assert.deepEqual(
      ['run-1', 'run-2', 'run-3'].map((runId) => runs.isOpen(runId)),
      [false, true, true],
    );
    const abandoned = tracing.span('chat streamed-model');
    assert.equal(abandoned.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'abandoned');
    assert.equal(abandoned.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], 2);
    assert.deepEqual(
      tracing.spans().map((span) => span.name),
      ['chat streamed-model'],
      'the runs within the cap stay open',
    );

    runs.open('run-4', { kind: 'pass-through', context: context.active() });
    await nextTurn();
    assert.equal(
      tracing.span('execute_tool tool-run-2').attributes[ATTR_RAGTRACE_STREAM_OUTCOME],
      'abandoned',
    );
  } finally {
    await tracing.shutdown();
  }
});
