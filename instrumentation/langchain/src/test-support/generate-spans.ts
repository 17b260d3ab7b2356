import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { theOnly } from '@ragtrace/instrumentation-test-kit';
import type { MemoryTracing } from '@ragtrace/sdk/testing';
import { ATTR_GEN_AI_CONVERSATION_ID, ATTR_RAGTRACE_STAGE, RAG_STAGE } from '@ragtrace/semconv';

/**
 * The thread id the tests pass in a LangChain run's metadata: the handler records it as the
 * conversation id and the openai instrumentation never sees it, so it tells the two spans apart.
 */
export const LANGCHAIN_THREAD = 'thread-langchain';

export function spansOfStage(tracing: MemoryTracing, stage: string): ReadableSpan[] {
  return tracing.spans().filter((span) => span.attributes[ATTR_RAGTRACE_STAGE] === stage);
}

/** What a dashboard sums tokens over: every generate span. Fails unless there is exactly one. */
export function theOneGenerateSpan(tracing: MemoryTracing): ReadableSpan {
  return theOnly(spansOfStage(tracing, RAG_STAGE.generate), 'generate span');
}

export function isLangChainSpan(span: ReadableSpan): boolean {
  return span.attributes[ATTR_GEN_AI_CONVERSATION_ID] === LANGCHAIN_THREAD;
}
