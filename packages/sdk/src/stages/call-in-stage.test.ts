import { diag, DiagLogLevel, SpanStatusCode, trace } from '@opentelemetry/api';
import type { DiagLogger } from '@opentelemetry/api';
import { ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS } from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { BegunCall } from '../types.js';
import type { MemoryTracing } from '../testing/memory-tracing.js';
import { setupMemoryTracing } from '../testing/memory-tracing.js';
import { callInBegunStage, callInStage } from './call-in-stage.js';
import { beginGenerate } from './generate.js';
import { beginRetrieve } from './retrieve.js';

/** A library's own promise class, with a method a derived promise would lose. */
class LibraryPromise<T> extends Promise<T> {
  withResponse(): string {
    return 'raw';
  }
}

// One tracing setup and diag logger for both suites below.
let tracing: MemoryTracing;
const diagErrors: unknown[][] = [];
before(() => {
  tracing = setupMemoryTracing();
  const logger: DiagLogger = {
    error: (...args) => diagErrors.push(args),
    warn: () => undefined,
    info: () => undefined,
    debug: () => undefined,
    verbose: () => undefined,
  };
  diag.setLogger(logger, DiagLogLevel.ERROR);
});
afterEach(() => {
  tracing.reset();
  diagErrors.length = 0;
});
after(async () => {
  diag.disable();
  await tracing.shutdown();
});

describe('callInStage', () => {
  it("returns the library's own promise object and ends the stage with its value", async () => {
    const stage = beginRetrieve<string[]>({
      dataSource: 'docs',
      extractDocuments: (ids) => ids.map((id) => ({ id })),
    });
    const promise = LibraryPromise.resolve(['a', 'b']) as LibraryPromise<string[]>;
    const returned = callInStage(stage, () => promise);

    assert.equal(returned, promise);
    assert.equal(returned.withResponse(), 'raw');
    assert.deepEqual(await returned, ['a', 'b']);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(tracing.span('retrieval docs').attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], [
      'a',
      'b',
    ]);
  });

  it('runs the call in the stage context, so the library’s spans nest under it', () => {
    const stage = beginGenerate({ model: 'm' });
    const inner = callInStage(stage, () => trace.getActiveSpan()?.spanContext().spanId);
    assert.equal(inner, stage.span.span.spanContext().spanId);
  });

  it('fails the stage on a rejection and leaves the rejection to the app', async () => {
    const stage = beginGenerate({ model: 'm' });
    const failure = new RangeError('429 rate limited');
    const returned = callInStage(stage, () => Promise.reject(failure));
    await assert.rejects(returned, (error) => error === failure);
    await new Promise((resolve) => setImmediate(resolve));
    const span = tracing.span('chat m');
    assert.equal(span.status.code, SpanStatusCode.ERROR);
    assert.equal(span.attributes['error.type'], 'RangeError');
  });

  it('fails the stage and rethrows a synchronous throw unchanged', () => {
    const stage = beginGenerate({ model: 'm' });
    const failure = new TypeError('bad arguments');
    assert.throws(
      () =>
        callInStage(stage, () => {
          throw failure;
        }),
      (error) => error === failure,
    );
    assert.equal(tracing.span('chat m').status.code, SpanStatusCode.ERROR);
  });

  it('reports a failing settle to diag, ends the stage, and still gives the app its value', async () => {
    const stage = beginGenerate({ model: 'm' });
    const returned = callInStage(stage, async () => 'value', {
      settle: () => {
        throw new Error('unexpected response shape');
      },
    });
    assert.equal(await returned, 'value');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(tracing.span('chat m').status.code, SpanStatusCode.UNSET);
    assert.equal(diagErrors.length, 1);
  });

  it('takes only the first outcome a custom observer reports', () => {
    const stage = beginGenerate({ model: 'm' });
    callInStage(stage, () => 'result', {
      observe: (_result, outcome) => {
        outcome.end();
        outcome.fail(new Error('too late'));
      },
    });
    assert.equal(tracing.span('chat m').status.code, SpanStatusCode.UNSET);
  });
});

describe('callInBegunStage', () => {
  /** What an instrumentation's wrapper does with `call`'s argument: the replacement, else the app's. */
  const libraryCall =
    (received: unknown[][], appArgs: readonly unknown[]) =>
    (args?: readonly unknown[]): string => {
      received.push([...(args ?? appArgs)]);
      return 'library result';
    };

  const retrieveStage = () =>
    beginRetrieve<string[]>({ dataSource: 'docs', extractDocuments: (ids) => ids.map((id) => ({ id })) });

  it('reports a throwing begin and runs the call un-instrumented with the app’s arguments', () => {
    const failure = new TypeError('unreadable arguments');
    const reported: unknown[] = [];
    const received: unknown[][] = [];
    const result = callInBegunStage(
      () => {
        throw failure;
      },
      libraryCall(received, ['app']),
      (error) => reported.push(error),
    );

    assert.equal(result, 'library result');
    assert.deepEqual(reported, [failure]);
    assert.deepEqual(received, [['app']]);
    assert.equal(tracing.spans().length, 0);
  });

  it('leaves the un-instrumented call’s own throw to the app', () => {
    const failure = new RangeError('429 rate limited');
    const reported: unknown[] = [];
    assert.throws(
      () =>
        callInBegunStage(
          () => {
            throw new Error('unreadable arguments');
          },
          () => {
            throw failure;
          },
          (error) => reported.push(error),
        ),
      (error) => error === failure,
    );
    assert.equal(reported.length, 1);
    assert.equal(tracing.spans().length, 0);
  });

  it('keeps a throwing reporter from the app: the call still runs and its value comes back', () => {
    const result = callInBegunStage(
      () => {
        throw new Error('unreadable arguments');
      },
      () => 'library result',
      () => {
        throw new Error('the reporter broke too');
      },
    );
    assert.equal(result, 'library result');
    // The reporter's own failure goes to the SDK's diag logger.
    assert.equal(diagErrors.length, 1);
  });

  it('calls the library with begin’s replacement arguments, inside the stage, and ends it', async () => {
    const received: unknown[][] = [];
    let activeSpanId: string | undefined;
    let stageSpanId: string | undefined;
    const result = callInBegunStage(
      (): BegunCall => {
        const stage = retrieveStage();
        stageSpanId = stage.span.span.spanContext().spanId;
        return { stage, args: ['app', { added: true }] };
      },
      (args) => {
        activeSpanId = trace.getActiveSpan()?.spanContext().spanId;
        received.push([...(args ?? ['app'])]);
        return Promise.resolve(['a', 'b']);
      },
      () => assert.fail('begin did not throw'),
    );

    assert.deepEqual(await result, ['a', 'b']);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(received, [['app', { added: true }]]);
    assert.equal(activeSpanId, stageSpanId);
    assert.deepEqual(tracing.span('retrieval docs').attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], [
      'a',
      'b',
    ]);
  });

  it('calls the library with the app’s arguments when begin gives none', () => {
    const received: unknown[][] = [];
    callInBegunStage(
      () => ({ stage: beginGenerate({ model: 'm' }) }),
      libraryCall(received, ['app']),
      () => assert.fail('begin did not throw'),
    );
    assert.deepEqual(received, [['app']]);
    assert.equal(tracing.spans().length, 1);
  });

  it('hands the result to begin’s own observe and its value to begin’s own settle', () => {
    const libraryResult = { body: ['x', 'y'] };
    const observed: unknown[] = [];
    const settled: unknown[] = [];
    const result = callInBegunStage(
      (): BegunCall => {
        const stage = retrieveStage();
        return {
          stage,
          observe: (value, outcome) => {
            observed.push(value);
            outcome.settle((value as typeof libraryResult).body);
          },
          settle: (value) => {
            settled.push(value);
            stage.succeed([...(value as string[]), 'z']);
          },
        };
      },
      () => libraryResult,
      () => assert.fail('begin did not throw'),
    );

    assert.equal(result, libraryResult);
    assert.deepEqual(observed, [libraryResult]);
    assert.deepEqual(settled, [['x', 'y']]);
    assert.deepEqual(tracing.span('retrieval docs').attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], [
      'x',
      'y',
      'z',
    ]);
  });
});
