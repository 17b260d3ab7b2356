import { diag, DiagLogLevel, SpanStatusCode } from '@opentelemetry/api';
import type { DiagLogger } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE, ATTR_GEN_AI_REQUEST_TEMPERATURE } from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { MemoryTracing } from '../testing/memory-tracing.js';
import { setupMemoryTracing } from '../testing/memory-tracing.js';
import { collect } from '../test-support/streams.js';
import type { GenerateOptions } from '../types.js';
import { generate } from './generate.js';
import { retrieve } from './retrieve.js';
import { workflow } from './workflow.js';

/** Collects what the SDK reports to OTel's diag logger. */
function captureDiagErrors(): { messages: string[]; stop(): void } {
  const messages: string[] = [];
  const record = (message: string): void => {
    messages.push(message);
  };
  const logger: DiagLogger = {
    error: record,
    warn: record,
    info: () => {},
    debug: () => {},
    verbose: () => {},
  };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  return { messages, stop: () => diag.disable() };
}

describe('stage helpers without tracing set up', () => {
  it('run the function and return its value', async () => {
    assert.equal(await workflow({ name: 'untraced' }, async () => 'value'), 'value');
  });
});

describe('stage helpers when the instrumentation itself fails', () => {
  let tracing: MemoryTracing;
  let diagnostics: ReturnType<typeof captureDiagErrors>;
  before(() => {
    tracing = setupMemoryTracing();
  });
  afterEach(() => {
    diagnostics.stop();
    tracing.reset();
  });
  after(() => tracing.shutdown());

  it('still run the function when the options cannot even be described, and report to diag', () => {
    diagnostics = captureDiagErrors();
    // A JavaScript caller can pass anything; spreading a number as stop sequences throws.
    const options = { model: 'gpt-4o', stopSequences: 5 } as unknown as GenerateOptions;

    assert.equal(
      generate(options, () => 'still answered'),
      'still answered',
    );
    assert.equal(tracing.spans().length, 0);
    assert.ok(
      diagnostics.messages.some((message) => message.includes('@ragtrace/sdk: starting a span failed')),
    );
  });

  it('return the value and end the span when an extractor throws', async () => {
    diagnostics = captureDiagErrors();
    const result = await retrieve(
      {
        dataSource: 'docs',
        extractDocuments: (): never => {
          throw new Error('extractor bug');
        },
      },
      async () => ['hit'],
    );

    assert.deepEqual(result, ['hit']);
    assert.equal(tracing.span('retrieval docs').status.code, SpanStatusCode.UNSET);
    assert.ok(diagnostics.messages.some((message) => message.includes('recording the result failed')));
  });

  it('drop an attribute value OpenTelemetry cannot represent and keep going', () => {
    diagnostics = captureDiagErrors();
    const options = { model: 'gpt-4o', temperature: { high: true } } as unknown as GenerateOptions;

    assert.equal(
      generate(options, () => 'ok'),
      'ok',
    );
    assert.equal(ATTR_GEN_AI_REQUEST_TEMPERATURE in tracing.span('chat gpt-4o').attributes, false);
  });

  it('rethrow a non-Error throw unchanged and type it _OTHER', async () => {
    diagnostics = captureDiagErrors();
    const thrown = { reason: 'not an Error' };

    await assert.rejects(
      generate({ model: 'gpt-4o' }, async () => {
        throw thrown;
      }),
      (error) => error === thrown,
    );
    assert.equal(tracing.span('chat gpt-4o').attributes[ATTR_ERROR_TYPE], '_OTHER');
  });

  it('pass a stream through untouched when its span could not start', async () => {
    diagnostics = captureDiagErrors();
    const options = { model: 'gpt-4o', stopSequences: 5 } as unknown as GenerateOptions;
    async function* source(): AsyncGenerator<string> {
      yield 'x';
    }

    assert.deepEqual(await collect(generate(options, () => source())), ['x']);
  });
});
