import { context } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import { contextWithStageRecordedAbove } from '@ragtrace/sdk';
import { RAG_STAGE } from '@ragtrace/semconv';

type Method<Result> = (this: unknown, ...args: unknown[]) => Result;

/**
 * The handler records every LangChain model run as a generate span, but LangChain callbacks
 * cannot change the active context, so a provider instrumentation (openai, anthropic, …) under
 * the model would begin a second generate span for the same call and count its tokens twice.
 * The model's own call runs in a context that tells them the generate stage is recorded above.
 */
function markedContext(): Context {
  return contextWithStageRecordedAbove(context.active(), RAG_STAGE.generate);
}

/** Wraps `_generateUncached`: invoke, batch and generate of chat models and LLMs all reach it. */
export function generateRecordedAbove(original: Method<unknown>): Method<unknown> {
  return function generateUncached(this: unknown, ...args: unknown[]): unknown {
    return context.with(markedContext(), () => original.apply(this, args));
  };
}

/**
 * Wraps `_streamIterator`, an async generator method: its body (the provider call included) runs
 * only as the app pulls chunks, so the marked context must be active in each `next`, `return`
 * and `throw`, not just when the generator object is made. The same generator object is returned,
 * its steps bound to the context in place, so LangChain's own stream plumbing sees no difference.
 */
export function streamRecordedAbove(
  original: Method<AsyncGenerator<unknown>>,
): Method<AsyncGenerator<unknown>> {
  return function streamIterator(this: unknown, ...args: unknown[]): AsyncGenerator<unknown> {
    const marked = markedContext();
    const generator = context.with(marked, () => original.apply(this, args));
    for (const step of ['next', 'return', 'throw'] as const) {
      const runStep = (generator as Partial<AsyncGenerator<unknown>> | undefined)?.[step] as Method<unknown>;
      if (typeof runStep !== 'function') continue;
      // Reflect: an object that refuses the property stays as it is rather than failing the call.
      Reflect.defineProperty(generator, step, {
        configurable: true,
        writable: true,
        value: (...stepArgs: unknown[]) => context.with(marked, () => runStep.apply(generator, stepArgs)),
      });
    }
    return generator;
  };
}
