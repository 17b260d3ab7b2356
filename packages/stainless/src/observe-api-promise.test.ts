import type { CallOutcome } from '@ragtrace/sdk';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { observeApiPromise } from './observe-api-promise.js';

// The two ways the SDKs derive a promise from the app's (`_thenUnwrap`, which their `stream()` and
// `parse()` helpers use), in miniature, so that both are checked on every Node: openai 7.x, whose
// suites only run on Node 22 and newer, sets `_thenUnwrap` on each instance, parsing through the
// parse it was made with; the earlier majors derive through the promise's `parseResponse`.

interface Props {
  readonly response: { readonly status: number };
  readonly body: () => Promise<unknown>;
}
type Parse = (props: Props) => Promise<unknown>;
type Transform = (value: unknown, props: Props) => unknown;

class FakeApiPromise extends Promise<unknown> {
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }
  private parsed: Promise<unknown> | undefined;
  constructor(
    readonly responsePromise: Promise<Props>,
    public parseResponse: Parse,
  ) {
    super((resolve) => resolve(null));
  }
  parse(): Promise<unknown> {
    this.parsed ??= this.responsePromise.then((props) => this.parseResponse(props));
    return this.parsed;
  }
  asResponse(): Promise<unknown> {
    return this.responsePromise.then((props) => props.response);
  }
  override then<A = unknown, B = never>(
    onFulfilled?: ((value: unknown) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.parse().then(onFulfilled, onRejected);
  }
}

/** openai 4.x–6.x, @anthropic-ai/sdk: the derivative parses through this promise's `parseResponse`. */
class ThroughParseResponse extends FakeApiPromise {
  _thenUnwrap(transform: Transform): FakeApiPromise {
    return new ThroughParseResponse(this.responsePromise, async (props) =>
      transform(await this.parseResponse(props), props),
    );
  }
}

/** openai 7.x: an own, enumerable `_thenUnwrap` that parses with the parse the promise was made with. */
function withOwnThenUnwrap(request: Promise<Props>, parse: Parse): FakeApiPromise {
  const promise = new FakeApiPromise(request, parse) as FakeApiPromise & { _thenUnwrap?: unknown };
  promise._thenUnwrap = (transform: Transform) =>
    withOwnThenUnwrap(request, async (props) => transform(await parse(props), props));
  return promise;
}

function respond(body: () => Promise<unknown>): Promise<Props> {
  return Promise.resolve({ response: { status: 200 }, body });
}

function recordingOutcome(): CallOutcome & { readonly calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    settle: (value) => calls.push(['settle', value]),
    fail: (error) => calls.push(['fail', error]),
    end: () => calls.push(['end']),
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const parseBody: Parse = (props) => props.body();

for (const [shape, make] of [
  ['an own _thenUnwrap (openai 7.x)', withOwnThenUnwrap],
  [
    '_thenUnwrap through parseResponse (openai 4.x–6.x)',
    (request: Promise<Props>, parse: Parse) => new ThroughParseResponse(request, parse),
  ],
] as const) {
  describe(`observeApiPromise, a promise derived with ${shape}`, () => {
    type Derivable = FakeApiPromise & { _thenUnwrap(transform: Transform): FakeApiPromise };
    /** A promise of a response whose body `body` reads, under observation. */
    const observed = (body: () => Promise<unknown>) => {
      const promise = make(respond(body), parseBody) as Derivable;
      const keysBefore = Object.keys(promise);
      const outcome = recordingOutcome();
      observeApiPromise(promise, outcome);
      return { promise, outcome, keysBefore };
    };

    it('settles with the parsed value, the transform’s result going to the helper only', async () => {
      let reads = 0;
      const { promise, outcome, keysBefore } = observed(async () => ({ id: `read ${++reads}` }));
      assert.deepEqual(Object.keys(promise), keysBefore, 'own keys unchanged');
      const derived = promise._thenUnwrap((value) => ({ wrapped: value }));
      assert.deepEqual(await derived, { wrapped: { id: 'read 1' } });
      assert.deepEqual(outcome.calls, [['settle', { id: 'read 1' }]]);
      assert.equal(reads, 1, 'the body is read once, when the helper asks');
    });

    it('fails when the body cannot be parsed, and not when the transform throws', async () => {
      const broken = new Error('bad JSON');
      const failing = observed(() => Promise.reject(broken));
      await assert.rejects(Promise.resolve(failing.promise._thenUnwrap((value) => value)), broken);
      await tick();
      assert.deepEqual(failing.outcome.calls[0], ['fail', broken]);

      const helperError = new Error('the helper’s own');
      const parsing = observed(async () => ({ id: 'ok' }));
      const derived = parsing.promise._thenUnwrap(() => {
        throw helperError;
      });
      await assert.rejects(Promise.resolve(derived), helperError);
      await tick();
      assert.deepEqual(parsing.outcome.calls, [['settle', { id: 'ok' }]]);
    });

    it('ends the span of an app that takes the derived promise’s raw Response and never parses', async () => {
      const { promise, outcome } = observed(async () => ({ id: 'unread' }));
      assert.deepEqual(await promise._thenUnwrap((value) => value).asResponse(), { status: 200 });
      await tick();
      assert.deepEqual(outcome.calls, [['end']]);
    });
  });
}
