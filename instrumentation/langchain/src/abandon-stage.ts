import type { StartedStage } from '@ragtrace/sdk';

const NOTHING: AsyncIterable<never> = {
  [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve({ done: true, value: undefined }) }),
};

/**
 * Ends a stage whose run LangChain will never end (a stream the consumer stopped early gets no
 * end or error callback): the SDK records it as an abandoned stream, the outcome it has for
 * "stopped without completing or failing".
 */
export function abandonStage(stage: StartedStage<unknown>): void {
  void stage.followStream(NOTHING)[Symbol.asyncIterator]().return?.();
}
