import { context } from '@opentelemetry/api';
import { guarded, reportTelemetryFailure } from '../diag-guard.js';
import type { BegunCall, CallInStageOptions, CallOutcome, StartedStage } from '../types.js';
import { isPromiseLike } from './result-shape.js';

/** The default `observe` of {@link callInStage}: a side branch: the app's own chain on its promise is untouched, and its rejection stays the app's. */
export function observeOnSideBranch(result: unknown, outcome: CallOutcome): void {
  if (isPromiseLike(result)) result.then(outcome.settle, outcome.fail);
  else outcome.settle(result);
}

/**
 * Runs a library call as the stage: inside the stage's context (so the library's own HTTP spans
 * nest under it), returning exactly what the call returned — its own promise object included,
 * never a derived one. A synchronous throw fails the stage and is rethrown. The result is
 * watched by `observe` (default: a side branch on the promise); its value goes to `settle`
 * (default: `stage.succeed(value)`), a rejection fails the stage. Only the first outcome counts,
 * and a failure while recording is reported to OTel's diag logger and simply ends the stage.
 */
export function callInStage<Result>(
  stage: StartedStage<unknown>,
  call: () => Result,
  options: CallInStageOptions = {},
): Result {
  let result: Result;
  try {
    result = context.with(stage.context, call);
  } catch (error) {
    stage.fail(error);
    throw error;
  }
  let observed = false;
  const once =
    <Args extends unknown[]>(handle: (...args: Args) => void) =>
    (...args: Args): void => {
      if (observed) return;
      observed = true;
      handle(...args);
    };
  const settle = options.settle ?? ((value: unknown) => stage.succeed(value));
  const outcome: CallOutcome = {
    settle: once((value: unknown) => {
      try {
        settle(value);
      } catch (error) {
        reportTelemetryFailure('recording a response', error);
        stage.succeed();
      }
    }),
    fail: once((error: unknown) => stage.fail(error)),
    end: once(() => stage.succeed()),
  };
  const observe = options.observe ?? observeOnSideBranch;
  if (guarded('observing a call', () => (observe(result, outcome), true)) === undefined) outcome.end();
  return result;
}

/**
 * An instrumentation's whole wrapper around one library call: `begin` reads the app's arguments
 * and begins the stage, then the call runs in it through {@link callInStage} — with `begin`'s
 * replacement arguments if it gave any. Reading arguments is where a library's surprises land, so
 * a throwing `begin` goes to `reportBeginFailure` (the instrumentation's own diag logger) and the
 * call runs un-instrumented with the app's arguments (`call(undefined)`), its result or throw the
 * app's, untouched.
 */
export function callInBegunStage<Result>(
  begin: () => BegunCall,
  call: (args?: readonly unknown[]) => Result,
  reportBeginFailure: (error: unknown) => void,
): Result {
  let begun: BegunCall;
  try {
    begun = begin();
  } catch (error) {
    guarded('reporting a failed stage begin', () => reportBeginFailure(error));
    return call(undefined);
  }
  return callInStage(begun.stage, () => call(begun.args), { settle: begun.settle, observe: begun.observe });
}
