import { context } from '@opentelemetry/api';
import { STREAM_OUTCOME } from '@ragtrace/semconv';
import type { StageRecording } from './stage-recording.js';

/**
 * Follows one iteration of a stream: yields the source's chunks (those `keepChunk` lets through,
 * all of them by default) while the stage span records them, and ends the span when the source
 * completes or throws, or when the consumer stops early (`break` calls `return()`). The source is
 * pulled inside the span's context, so work it does per chunk nests under it.
 */
function tracedIterator<Chunk>(
  recording: StageRecording,
  open: () => AsyncIterator<Chunk>,
  keepChunk: ((chunk: unknown) => boolean) | undefined,
): AsyncIterator<Chunk> {
  let iterator: AsyncIterator<Chunk>;
  try {
    iterator = context.with(recording.context, open);
  } catch (error) {
    recording.streamEnded(STREAM_OUTCOME.error, error);
    throw error;
  }
  const onStep = (step: IteratorResult<Chunk>): IteratorResult<Chunk> | Promise<IteratorResult<Chunk>> => {
    if (step.done === true) recording.streamEnded(STREAM_OUTCOME.completed);
    else if (keepChunk !== undefined && !keepChunk(step.value)) return next();
    else recording.chunk(step.value);
    return step;
  };
  const onFailure = (error: unknown): never => {
    recording.streamEnded(STREAM_OUTCOME.error, error);
    throw error;
  };
  // `next` chains on the source's promise rather than being async: it runs per chunk, and with
  // async hooks on (as the context manager has them) every async function and await adds
  // promises to create and track.
  const next = (): Promise<IteratorResult<Chunk>> => {
    let pending: Promise<IteratorResult<Chunk>>;
    try {
      pending = context.with(recording.context, iterator.next, iterator);
    } catch (error) {
      recording.streamEnded(STREAM_OUTCOME.error, error);
      return Promise.reject(error);
    }
    return Promise.resolve(pending).then(onStep, onFailure);
  };
  return {
    next,
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
    [Symbol.asyncIterator]: () => tracedIterator(recording, () => source[Symbol.asyncIterator](), undefined),
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
  keepChunk?: (chunk: unknown) => boolean,
): Stream {
  const openOriginal = stream[Symbol.asyncIterator];
  Object.defineProperty(stream, Symbol.asyncIterator, {
    configurable: true,
    writable: true,
    value: () => tracedIterator(recording, () => openOriginal.call(stream), keepChunk),
  });
  return stream;
}
