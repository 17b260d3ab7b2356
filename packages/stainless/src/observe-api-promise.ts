import { isPromiseLike, observeOnSideBranch, type CallOutcome } from '@ragtrace/sdk';
import type { ApiPromiseInternals } from './stainless-internals.js';

function isApiPromise(value: unknown): value is ApiPromiseInternals {
  const candidate = value as Partial<ApiPromiseInternals> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.responsePromise?.then === 'function' &&
    typeof candidate.parseResponse === 'function' &&
    typeof candidate.parse === 'function' &&
    typeof candidate.asResponse === 'function'
  );
}

/**
 * Watches a call's outcome without changing it (the `observe` of `callInStage`). A Stainless `APIPromise` reads the body only when
 * the app asks for the parsed result; calling its `then` ourselves would read it eagerly, and an
 * app using `.asResponse()` would find the body already consumed. `_thenUnwrap` avoids that but
 * returns a new promise, not the app's. So the observation is lazy:
 * - the promise's own `parseResponse` is wrapped to see the parsed value when (and only if) the
 *   app's parse produces it, before the app receives it — a stream is followed before its first
 *   chunk;
 * - failures are watched on a side branch of the underlying response promise, which the SDK
 *   rejects with the HTTP error;
 * - `parse` and `asResponse` are shadowed on the instance only to notice an app that takes the
 *   raw Response and never parses, so that its span still ends.
 * The app's promise object, its class, its values and when the body is read stay as they were.
 */
export function observeApiPromise(result: unknown, outcome: CallOutcome): void {
  if (!isApiPromise(result)) {
    // Not an APIPromise (a future major, a test double): a plain side branch is all there is.
    observeOnSideBranch(result, outcome);
    return;
  }
  let parseRequested = false;
  let parsedOnce = false;
  let rawRequested = false;
  let responded = false;
  const endIfRawOnly = (): void => {
    if (rawRequested && responded && !parseRequested) outcome.end();
  };
  // Non-enumerable like the prototype methods they shadow, so the promise's own keys don't change.
  const shadow = (name: 'parse' | 'asResponse', before: () => void): void => {
    const method = result[name] as (...args: unknown[]) => unknown;
    Object.defineProperty(result, name, {
      configurable: true,
      writable: true,
      value: function observed(this: unknown, ...args: unknown[]): unknown {
        before();
        return method.apply(this, args);
      },
    });
  };
  // `then`, `catch`, `finally` and `withResponse` all go through `parse` (before `asResponse`).
  shadow('parse', () => {
    parseRequested = true;
  });
  shadow('asResponse', () => {
    rawRequested = true;
    endIfRawOnly();
  });

  const parseResponse = result.parseResponse;
  result.parseResponse = function observedParseResponse(this: unknown, ...args: unknown[]): unknown {
    const parsed = parseResponse.apply(this, args);
    // A second parse (two `_thenUnwrap` derivatives) re-reads a consumed body; the first tells all.
    if (parsedOnce) return parsed;
    parsedOnce = true;
    if (!isPromiseLike(parsed)) {
      outcome.settle(parsed);
      return parsed;
    }
    return parsed.then(
      (value) => {
        outcome.settle(value);
        return value;
      },
      (error: unknown) => {
        outcome.fail(error);
        throw error;
      },
    );
  };

  // A side branch: the app's own chain on the response promise is unaffected.
  result.responsePromise.then(() => {
    responded = true;
    endIfRawOnly();
  }, outcome.fail);
}
