import { isPromiseLike, observeOnSideBranch, type CallOutcome } from '@ragtrace/sdk';
import type { ApiPromiseInternals, UnwrapTransform } from './stainless-internals.js';

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

type Method = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Replaces a method on the instance with `wrap(method)`. A method the instance holds itself keeps
 * its enumerability; one from the prototype is shadowed non-enumerable, like the prototype's, so
 * the promise's own keys don't change.
 */
function shadow(target: object, name: string, wrap: (method: Method) => Method): void {
  const method = (target as Record<string, unknown>)[name];
  if (typeof method !== 'function') return;
  const own = Object.getOwnPropertyDescriptor(target, name);
  Object.defineProperty(target, name, {
    configurable: true,
    writable: true,
    enumerable: own?.enumerable ?? false,
    value: wrap(method as Method),
  });
}

/** A wrapper that calls `before`, then the method as it was. */
function noticing(before: () => void): (method: Method) => Method {
  return (method) =>
    function noticed(this: unknown, ...args: unknown[]): unknown {
      before();
      return method.apply(this, args);
    };
}

/**
 * Watches a call's outcome without changing it (the `observe` of `callInStage`). A Stainless `APIPromise` reads the body only when
 * the app asks for the parsed result; calling its `then` ourselves would read it eagerly, and an
 * app using `.asResponse()` would find the body already consumed. `_thenUnwrap` avoids that but
 * returns a new promise, not the app's. So the observation is lazy:
 * - the promise's own `parseResponse` is wrapped to see the parsed value when (and only if) the
 *   app's parse produces it, before the app receives it — a stream is followed before its first
 *   chunk;
 * - `_thenUnwrap` (what the SDKs' helpers — `responses.stream()`, `*.parse()` — build on the
 *   app's call) is shadowed to see the parsed value as it reaches the derived promise's
 *   transform, and the derived promise is observed like the first. openai 4.x–6.x derive through
 *   the promise's `parseResponse`, so the wrapper above sees it too; openai 7.x gives each
 *   promise an `_thenUnwrap` of its own that parses without it;
 * - failures are watched on a side branch of the underlying response promise, which the SDK
 *   rejects with the HTTP error, and of a derived promise's parse;
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
  // A second parse (the app's promise and a derivative) re-reads a consumed body; the first tells all.
  const firstParse = (): boolean => {
    if (parsedOnce) return false;
    parsedOnce = true;
    return true;
  };

  const observePromise = (promise: ApiPromiseInternals): void => {
    // `then`, `catch`, `finally` and `withResponse` all go through `parse` (before `asResponse`).
    shadow(
      promise,
      'parse',
      noticing(() => (parseRequested = true)),
    );
    shadow(
      promise,
      'asResponse',
      noticing(() => {
        rawRequested = true;
        endIfRawOnly();
      }),
    );
    shadow(
      promise,
      '_thenUnwrap',
      (thenUnwrap) =>
        function observedThenUnwrap(this: unknown, ...args: unknown[]): unknown {
          const [transform, ...rest] = args;
          if (typeof transform !== 'function') return thenUnwrap.apply(this, args);
          return derive(thenUnwrap, this, transform as UnwrapTransform, rest);
        },
    );
  };

  /**
   * `_thenUnwrap(transform)`: the parsed value is seen as it reaches the transform (before the
   * helper's code), and the derived promise is observed like the first. Its parse failing before
   * the transform is the call's own failure; the transform's are the helper's.
   */
  const derive = (
    thenUnwrap: Method,
    promise: unknown,
    transform: UnwrapTransform,
    rest: unknown[],
  ): unknown => {
    let transformed = false;
    const observedTransform: UnwrapTransform = function (this: unknown, value, ...props) {
      transformed = true;
      if (firstParse()) outcome.settle(value);
      return transform.apply(this, [value, ...props]);
    };
    const derived = thenUnwrap.call(promise, observedTransform, ...rest);
    if (!isApiPromise(derived)) return derived;
    observePromise(derived);
    const parseResponse = derived.parseResponse;
    derived.parseResponse = function observedDerivedParse(this: unknown, ...args: unknown[]): unknown {
      const parsed = parseResponse.apply(this, args);
      if (isPromiseLike(parsed)) {
        parsed.then(undefined, (error: unknown) => {
          if (!transformed) outcome.fail(error);
        });
      }
      return parsed;
    };
    return derived;
  };
  observePromise(result);

  const parseResponse = result.parseResponse;
  result.parseResponse = function observedParseResponse(this: unknown, ...args: unknown[]): unknown {
    const parsed = parseResponse.apply(this, args);
    if (!firstParse()) return parsed;
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
