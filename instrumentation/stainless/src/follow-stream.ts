import type { StartedStage } from '@ragtrace/sdk';
import type { StreamInternals } from './stainless-internals.js';

/** Sees each chunk before the app does; returns false to keep the chunk from the app. */
export type ChunkObserver = (chunk: unknown) => boolean;

/**
 * `next` chains on the source's promise rather than being async: it runs per chunk, and with
 * async hooks on (as the context manager has them) every async function and await adds
 * promises to create and track.
 */
function observedIterator(source: AsyncIterator<unknown>, observe: ChunkObserver): AsyncIterator<unknown> {
  // A chunk kept from the app is skipped by pulling the next one in its place.
  const pass = (step: IteratorResult<unknown>): IteratorResult<unknown> | Promise<IteratorResult<unknown>> =>
    step.done === true || observe(step.value) ? step : next();
  const next = (): Promise<IteratorResult<unknown>> => source.next().then(pass);
  return {
    next,
    async return(value?: unknown) {
      return source.return === undefined ? { done: true, value } : source.return(value);
    },
  };
}

/**
 * Makes the stage follow a Stainless `Stream` and returns nothing: the app keeps the very same
 * object. The stage follows the stream's `iterator` field rather than its `Symbol.asyncIterator`
 * because `tee()` and `toReadableStream()` read `iterator` directly, so those uses are followed
 * too. `observe` must not throw (guard it) — it runs inside the app's iteration.
 */
export function followStainlessStream(
  stage: StartedStage<unknown>,
  stream: unknown,
  observe: ChunkObserver,
): void {
  const internals = stream as Partial<StreamInternals>;
  const source = internals.iterator;
  if (typeof source !== 'function') {
    stage.followStream(stream as AsyncIterable<unknown>);
    return;
  }
  const followed = stage.followStream({
    [Symbol.asyncIterator]: () => observedIterator(source.call(stream), observe),
  });
  internals.iterator = () => followed[Symbol.asyncIterator]();
}
