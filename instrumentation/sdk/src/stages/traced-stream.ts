import { context } from '@opentelemetry/api';
import { STREAM_OUTCOME } from '@ragtrace/semconv';
import type { StageRecording } from './stage-recording.js';

/**
 * Follows one iteration of a stream: yields exactly the source's chunks while the stage span
 * records them, and ends the span when the source completes or throws, or when the consumer
 * stops early (`break` calls `return()`). The source is pulled inside the span's context, so
 * work it does per chunk nests under it.
 */
function tracedIterator<Chunk>(
  recording: StageRecording,
  open: () => AsyncIterator<Chunk>,
): AsyncIterator<Chunk> {
  let iterator: AsyncIterator<Chunk>;
  try {
    iterator = context.with(recording.context, open);
  } catch (error) {
    recording.streamEnded(STREAM_OUTCOME.error, error);
    throw error;
  }
  return {
    async next() {
      let step: IteratorResult<Chunk>;
      try {
        step = await context.with(recording.context, () => iterator.next());
      } catch (error) {
        recording.streamEnded(STREAM_OUTCOME.error, error);
        throw error;
      }
      if (step.done === true) recording.streamEnded(STREAM_OUTCOME.completed);
      else recording.chunk(step.value);
      return step;
    },
    async return(value?: unknown) {
      recording.streamEnded(STREAM_OUTCOME.abandoned);
      return iterator.return === undefined ? { done: true, value } : iterator.return(value);
    },
  };
}

/** A new iterable over the source's chunks whose iteration the stage span follows. */
export function traceStream<Chunk>(
  recording: StageRecording,
  source: AsyncIterable<Chunk>,
): AsyncIterable<Chunk> {
  return {
    [Symbol.asyncIterator]: () => tracedIterator(recording, () => source[Symbol.asyncIterator]()),
  };
}

/**
 * The same stream object, its async iterator patched in place so the stage span follows it:
 * instrumentations use this to hand back a library's own stream class (with its extra methods,
 * e.g. an abort controller) rather than a look-alike.
 */
export function followStreamInPlace<Stream extends AsyncIterable<unknown>>(
  recording: StageRecording,
  stream: Stream,
): Stream {
  const openOriginal = stream[Symbol.asyncIterator];
  Object.defineProperty(stream, Symbol.asyncIterator, {
    configurable: true,
    writable: true,
    value: () => tracedIterator(recording, () => openOriginal.call(stream)),
  });
  return stream;
}
