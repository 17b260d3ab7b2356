import type { StartedStage } from '@ragtrace/sdk';
import type { StreamInternals } from './stainless-internals.js';

/** Sees each chunk before the app does; returns false to keep the chunk from the app. */
export type ChunkObserver = (chunk: unknown) => boolean;

/**
 * Makes the stage follow a Stainless `Stream` and returns nothing: the app keeps the very same
 * object. The stage follows the stream's `iterator` field rather than its `Symbol.asyncIterator`
 * because `tee()` and `toReadableStream()` read `iterator` directly, so those uses are followed
 * too. `observe`, when given, sees every chunk first and may keep one from the app; it must not
 * throw (guard it) — it runs inside the app's iteration.
 */
export function followStainlessStream(
  stage: StartedStage<unknown>,
  stream: unknown,
  observe?: ChunkObserver,
): void {
  const internals = stream as Partial<StreamInternals>;
  const source = internals.iterator;
  if (typeof source !== 'function') {
    stage.followStream(stream as AsyncIterable<unknown>, { keepChunk: observe });
    return;
  }
  const followed = stage.followStream(
    { [Symbol.asyncIterator]: () => source.call(stream) },
    { keepChunk: observe },
  );
  internals.iterator = () => followed[Symbol.asyncIterator]();
}
