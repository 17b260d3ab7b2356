import { context } from '@opentelemetry/api';
import type { FailureReporter, StartedCall } from './internal-types.js';
import { observeApiPromise } from './observe-api-promise.js';

/**
 * Makes the library call inside the stage's context (so the SDK's own HTTP spans nest under the
 * stage) and returns exactly what the library returned. The outcome is observed without
 * touching what the app gets (see {@link observeApiPromise}); if recording it fails, the failure
 * is reported and the stage simply ends.
 */
export function runInStage(
  started: StartedCall,
  call: (args: readonly unknown[]) => unknown,
  report: FailureReporter,
): unknown {
  const { stage } = started;
  let result: unknown;
  try {
    result = context.with(stage.context, () => call(started.args));
  } catch (error) {
    stage.fail(error);
    throw error;
  }
  const settle = (value: unknown): void => {
    try {
      started.settle(value);
    } catch (error) {
      report('recording a response', error);
      stage.succeed();
    }
  };
  try {
    observeApiPromise(result, {
      settle,
      fail: (error) => stage.fail(error),
      // The body is the app's to read: the span ends with what the request said.
      rawOnly: () => stage.succeed(),
    });
  } catch (error) {
    report('observing a call', error);
    stage.succeed();
  }
  return result;
}
