import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { Document } from '@langchain/core/documents';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessageChunk } from '@langchain/core/messages';
import type { BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk } from '@langchain/core/outputs';
import type { ChatResult } from '@langchain/core/outputs';
import { RunnableLambda, RunnableSequence } from '@langchain/core/runnables';
import type { RunnableConfig } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { FakeListChatModel, FakeRetriever } from '@langchain/core/utils/testing';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { setupMemoryTracing } from '@ragtrace/sdk/testing';
import type { MemoryTracing } from '@ragtrace/sdk/testing';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT,
  ATTR_RAGTRACE_STAGE,
  ATTR_RAGTRACE_STREAM_CHUNK_COUNT,
  ATTR_RAGTRACE_STREAM_OUTCOME,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, it } from 'node:test';
import { RagtraceCallbackHandler } from './ragtrace-callback-handler.js';
import type { InvokableTool } from './test-support/langchain-kit.js';

class ConnectionLostError extends Error {
  override readonly name = 'ConnectionLostError';
}

/** Streams two chunks, reporting each as a token the way provider integrations do, then fails. */
class BreakingStreamModel extends BaseChatModel {
  _llmType(): string {
    return 'breaking';
  }

  async _generate(): Promise<ChatResult> {
    throw new Error('only streamed in these tests');
  }

  override async *_streamResponseChunks(
    _messages: BaseMessage[],
    _options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    for (const text of ['Hel', 'lo']) {
      const chunk = new ChatGenerationChunk({ text, message: new AIMessageChunk(text) });
      yield chunk;
      await runManager?.handleLLMNewToken(text, undefined, undefined, undefined, undefined, { chunk });
    }
    throw new ConnectionLostError('connection lost');
  }
}

// The handler on its own, passed in `callbacks` as an app would without the instrumentation.
let tracing: MemoryTracing | undefined;
afterEach(async () => {
  await tracing?.shutdown();
  tracing = undefined;
});

function childrenOf(memory: MemoryTracing, parent: ReadableSpan): string[] {
  return memory
    .spans()
    .filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId)
    .map((span) => span.name)
    .sort();
}

describe('RagtraceCallbackHandler', () => {
  it('nests concurrent runs by run id, not by async context', async () => {
    tracing = setupMemoryTracing({ captureContent: true });
    const memory = tracing;
    const retriever = new FakeRetriever({ output: [new Document({ id: 'doc-1', pageContent: 'text' })] });
    // The first question waits longer, so the two runs' callbacks interleave.
    const chain = RunnableSequence.from([
      RunnableLambda.from(async (question: string) => {
        await delay(question === 'first' ? 30 : 5);
        return question;
      }),
      retriever,
      RunnableLambda.from((documents: Document[]) =>
        documents.map((document) => document.pageContent).join(),
      ),
      new FakeListChatModel({ responses: ['answer'], sleep: 1 }),
    ]);
    const handler = new RagtraceCallbackHandler();
    await Promise.all([
      chain.invoke('first', { callbacks: [handler], runName: 'flow-first' }),
      chain.invoke('second', { callbacks: [handler], runName: 'flow-second' }),
    ]);

    for (const question of ['first', 'second']) {
      const flow = memory.span(`invoke_workflow flow-${question}`);
      assert.deepEqual(childrenOf(memory, flow), ['chat FakeListChatModel', 'retrieval FakeRetriever']);
      const retrieval = memory
        .spans()
        .find(
          (span) =>
            span.name === 'retrieval FakeRetriever' &&
            span.parentSpanContext?.spanId === flow.spanContext().spanId,
        );
      assert.equal(retrieval?.attributes[ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT], question);
    }
  });

  it('records an agent run as an agent span holding its model and tool calls', async () => {
    tracing = setupMemoryTracing();
    const memory = tracing;
    const model = new FakeListChatModel({ responses: ['look up order 7'] });
    const lookup: InvokableTool = tool(async ({ order }: { order: string }) => `order ${order} shipped`, {
      name: 'lookup_order',
      description: 'Looks an order up',
      schema: { type: 'object', properties: { order: { type: 'string' } }, required: ['order'] },
    });
    const agent = RunnableLambda.from(async (question: string, config?: RunnableConfig) => {
      await model.invoke(question, config);
      return lookup.invoke({ order: '7' }, config);
    }).withConfig({ runName: 'support-agent' });
    const flow = RunnableSequence.from([
      RunnableLambda.from((text: string) => text.trim()),
      agent,
    ]).withConfig({
      runName: 'support-flow',
    });

    assert.equal(
      await flow.invoke(' where is order 7? ', { callbacks: [new RagtraceCallbackHandler()] }),
      'order 7 shipped',
    );
    const workflowSpan = memory.span('invoke_workflow support-flow');
    const agentSpan = memory.span('invoke_agent support-agent');
    assert.equal(agentSpan.attributes[ATTR_GEN_AI_OPERATION_NAME], 'invoke_agent');
    assert.equal(agentSpan.attributes[ATTR_RAGTRACE_STAGE], 'agent');
    assert.equal(agentSpan.attributes[ATTR_GEN_AI_AGENT_NAME], 'support-agent');
    assert.deepEqual(childrenOf(memory, workflowSpan), ['invoke_agent support-agent']);
    assert.deepEqual(childrenOf(memory, agentSpan), ['chat FakeListChatModel', 'execute_tool lookup_order']);
  });

  it('gives each prompt of a batch its own generate span', async () => {
    tracing = setupMemoryTracing();
    const memory = tracing;
    const model = new FakeListChatModel({ responses: ['one', 'two'] });
    const replies = await model.batch(['a', 'b'], { callbacks: [new RagtraceCallbackHandler()] });
    assert.equal(replies.length, 2);
    const generations = memory.spans().filter((span) => span.name === 'chat FakeListChatModel');
    assert.equal(generations.length, 2);
    assert.ok(
      generations.every(
        (span) => span.status.code === SpanStatusCode.UNSET && span.parentSpanContext === undefined,
      ),
    );
  });

  it("nests root runs under the caller's span even while LangChain's background callback queue is busy", async () => {
    tracing = setupMemoryTracing();
    const memory = tracing;
    // Another handler left to LangChain's background queue, slow to handle each start.
    const slowHandler = {
      name: 'slow_background_handler',
      awaitHandlers: false,
      handleChainStart: () => delay(20),
      handleLLMStart: () => delay(20),
    };
    const chain = RunnableSequence.from([
      RunnableLambda.from((question: string) => question),
      new FakeListChatModel({ responses: ['answer'] }),
    ]);
    const tracer = trace.getTracer('app');
    const ask = (request: string) =>
      tracer.startActiveSpan(request, async (span) => {
        await chain.invoke(request, {
          callbacks: [slowHandler, new RagtraceCallbackHandler()],
          runName: `flow-${request}`,
        });
        span.end();
      });
    await Promise.all([ask('request-a'), ask('request-b')]);

    for (const request of ['request-a', 'request-b']) {
      assert.deepEqual(childrenOf(memory, memory.span(request)), [`invoke_workflow flow-${request}`]);
    }
  });

  it('records a stream that fails midway: the chunks so far, the error outcome and the error', async () => {
    tracing = setupMemoryTracing();
    const memory = tracing;
    const model = new BreakingStreamModel({});
    const received: unknown[] = [];
    await assert.rejects(
      (async () => {
        for await (const chunk of await model.stream('hi', { callbacks: [new RagtraceCallbackHandler()] })) {
          received.push(chunk.content);
        }
      })(),
      ConnectionLostError,
    );
    assert.deepEqual(received, ['Hel', 'lo']);
    const generation = memory.span('chat BreakingStreamModel');
    assert.equal(generation.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], 2);
    assert.equal(generation.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'error');
    assert.equal(generation.attributes[ATTR_ERROR_TYPE], 'ConnectionLostError');
    assert.equal(generation.status.code, SpanStatusCode.ERROR);
  });
});
