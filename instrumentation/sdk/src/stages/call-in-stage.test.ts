import { diag, DiagLogLevel, SpanStatusCode, trace } from '@opentelemetry/api';
import type { DiagLogger } from '@opentelemetry/api';
import { ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS } from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { MemoryTracing } from '../testing/memory-tracing.js';
import { setupMemoryTracing } from '../testing/memory-tracing.js';
import { callInStage } from './call-in-stage.js';
import { beginGenerate } from './generate.js';
import { beginRetrieve } from './retrieve.js';

/** A library's own promise class, with a method a derived promise would lose. */
class LibraryPromise<T> extends Promise<T> {
  withResponse(): string {
    return 'raw';
  }
}

describe('callInStage', () => {
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
