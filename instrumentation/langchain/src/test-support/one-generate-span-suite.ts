import type { MemoryTracing } from '@ragtrace/sdk/testing';
import {
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  RAG_STAGE,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { LANGCHAIN_THREAD, isLangChainSpan, spansOfStage, theOneGenerateSpan } from './generate-spans.js';

export const QUESTION = 'what is the refund window';
/** The run config the tests pass: its thread id tells LangChain's spans from the provider's. */
export const IN_THREAD = { metadata: { thread_id: LANGCHAIN_THREAD } };

/** The part of a LangChain chat model (either major) the tests call. */
export interface TestedChatModel {
  invoke(
    input: string,
    config: typeof IN_THREAD,
  ): Promise<{ usage_metadata?: { input_tokens: number; output_tokens: number } }>;
  stream(input: string, config: typeof IN_THREAD): Promise<AsyncIterable<unknown>>;
  batch(inputs: string[], config: typeof IN_THREAD): Promise<unknown[]>;
}

export interface OneGenerateSpanSetup {
  readonly tracing: () => MemoryTracing;
  /** A chat model whose calls go through the real `openai` client, the openai instrumentation on. */
  readonly chatModel: () => TestedChatModel;
  /** Runs a chain (called with IN_THREAD) whose step calls the chat model. */
  readonly runChain: () => Promise<unknown>;
  /** An openai call the app makes itself, outside any LangChain run. */
  readonly directChat: () => Promise<unknown>;
}

/**
 * The tests every LangChain major shares (call inside a describe whose hooks set up both
 * instrumentations): a model call under LangChain is one generate span, LangChain's.
 */
export function itRecordsOneGenerateSpanPerModelCall(setup: OneGenerateSpanSetup): void {
  it('records invoke as one generate span, LangChain’s, with the token usage', async () => {
    const reply = await setup.chatModel().invoke(QUESTION, IN_THREAD);

    const span = theOneGenerateSpan(setup.tracing());
    assert.ok(isLangChainSpan(span), 'the generate span is the LangChain run’s');
    assert.ok(reply.usage_metadata !== undefined && reply.usage_metadata.input_tokens > 0);
    assert.equal(span.attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS], reply.usage_metadata.input_tokens);
    assert.equal(span.attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS], reply.usage_metadata.output_tokens);
  });

  it('records a fully consumed stream as one generate span', async () => {
    const chunks: unknown[] = [];
    for await (const chunk of await setup.chatModel().stream(QUESTION, IN_THREAD)) chunks.push(chunk);

    assert.ok(chunks.length > 1, 'the reply really streamed');
    assert.ok(isLangChainSpan(theOneGenerateSpan(setup.tracing())));
  });

  it('records a batch as one generate span per input, all LangChain’s', async () => {
    const replies = await setup.chatModel().batch([QUESTION, `${QUESTION}?`], IN_THREAD);

    assert.equal(replies.length, 2);
    const generates = spansOfStage(setup.tracing(), RAG_STAGE.generate);
    assert.deepEqual(
      generates.map((span) => isLangChainSpan(span)),
      [true, true],
    );
  });

  it('records a chain calling the model as one workflow span with the one generate span under it', async () => {
    await setup.runChain();

    const [workflow, ...others] = spansOfStage(setup.tracing(), RAG_STAGE.workflow);
    assert.ok(workflow !== undefined && others.length === 0, 'one workflow span');
    const generate = theOneGenerateSpan(setup.tracing());
    assert.ok(isLangChainSpan(generate));
    assert.equal(generate.parentSpanContext?.spanId, workflow.spanContext().spanId);
    assert.equal(generate.spanContext().traceId, workflow.spanContext().traceId);
  });

  it('still records an openai call the app makes itself, before and after LangChain runs', async () => {
    await setup.directChat();
    await setup.chatModel().invoke(QUESTION, IN_THREAD);
    await setup.directChat();

    const generates = spansOfStage(setup.tracing(), RAG_STAGE.generate);
    assert.deepEqual(
      generates.map((span) => (isLangChainSpan(span) ? 'langchain' : 'openai')),
      ['openai', 'langchain', 'openai'],
    );
  });
}
