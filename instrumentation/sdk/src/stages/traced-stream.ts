import { context } from '@opentelemetry/api';
import { STREAM_OUTCOME } from '@ragtrace/semconv';
import type { StageRecording } from './stage-recording.js';

/**
 * Yields exactly the source's chunks while the stage span follows the stream: it ends when the
 * source completes or throws, or when the consumer stops early (`break` calls `return()`).
 * The source is pulled inside the span's context, so work it does per chunk nests under it.
 */
export function traceStream<Chunk>(
  recording: StageRecording,
  source: AsyncIterable<Chunk>,
): AsyncIterable<Chunk> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Chunk> {
      let iterator: AsyncIterator<Chunk>;
      try {
        iterator = context.with(recording.context, () => source[Symbol.asyncIterator]());
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
    },
  };
}
