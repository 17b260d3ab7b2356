import { context } from '@opentelemetry/api';
import { guarded } from '../diag-guard.js';
import type { StageDefinition, StageSpanImpl } from '../internal-types.js';
import type { StageResult } from '../types.js';
import { startRecording } from './begin-stage.js';
import { INACTIVE_SPAN } from './inactive-span.js';
import { isAsyncIterable, isPromiseLike } from './result-shape.js';
import type { StageRecording } from './stage-recording.js';
import { traceStream } from './traced-stream.js';

/** Ends the span when the result settles: now, when a promise settles, or when a stream ends. */
function settle(recording: StageRecording, result: unknown): unknown {
  if (isAsyncIterable(result)) return traceStream(recording, result);
  if (isPromiseLike(result)) {
    return Promise.resolve(result).then(
      (value) => {
        if (isAsyncIterable(value)) return traceStream(recording, value);
        recording.succeed(value);
        return value;
      },
      (error: unknown) => {
        recording.fail(error);
        throw error;
      },
    );
  }
  recording.succeed(result);
  return result;
}

/**
 * The one core behind every stage helper: runs `fn` inside an active span built from the
 * helper's definition and returns what `fn` returns (streams wrapped). `fn`'s own errors are
 * recorded and rethrown unchanged; failures of the instrumentation itself only reach `diag`.
 */
export function runStage<T>(describe: () => StageDefinition, fn: (span: StageSpanImpl) => T): StageResult<T> {
  const recording = guarded('starting a span', () => startRecording(describe()));
  if (recording === undefined) return fn(INACTIVE_SPAN) as StageResult<T>;
  let result: T;
  try {
    result = context.with(recording.context, () => fn(recording.span));
  } catch (error) {
    recording.fail(error);
    throw error;
  }
  // StageResult<T> is, by construction, what settle returns for a T: the value itself, or the
  // same promise/stream shape wrapped.
  return settle(recording, result) as StageResult<T>;
}
