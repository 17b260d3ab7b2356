import { isWrapped } from '@opentelemetry/instrumentation';
import { startAnthropicMockServer } from '@ragtrace/instrumentation-test-kit';
import { ATTR_RAGTRACE_STREAM_OUTCOME } from '@ragtrace/semconv';
import { setupMemoryTracing } from '@ragtrace/sdk/testing';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { it } from 'node:test';
import { AnthropicInstrumentation } from './anthropic-instrumentation.js';
import { describeAnthropicInstrumentation } from './test-support/anthropic-suite.js';
import type { AnthropicSdk } from './test-support/anthropic-suite.js';

// The newest major, loaded the way an app loads it: enabled first, then require-in-the-middle
// patches the module as it is required. disable()/enable() unpatch and re-patch it in place.
const require = createRequire(import.meta.url);
const instrumentation = new AnthropicInstrumentation();
type MessagesClass = { Messages: { prototype: { create: () => unknown } } };
const SDK_SPAN = 'anthropic.messages.create';
const ASK = { model: 'claude-test-1', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] };

describeAnthropicInstrumentation({
  label: '@anthropic-ai/sdk 1.14 through the module hook',
  instrumentation,
  load: () => {
    const sdk = require('@anthropic-ai/sdk') as AnthropicSdk & { Anthropic: MessagesClass };
    assert.ok(isWrapped(sdk.Anthropic.Messages.prototype.create), 'patched on require');
    instrumentation.disable();
    assert.equal(isWrapped(sdk.Anthropic.Messages.prototype.create), false, 'unpatched on disable');
    return sdk;
  },
  instrument: (sdk) => {
    instrumentation.enable();
    return sdk;
  },
  // 1.x traces its own API calls; those spans nest under the stage span like HTTP client spans.
  ownSpanNames: [SDK_SPAN],
});

it("nests the SDK's own API-call span (1.x built-in tracing) under the generate span, and works without it", async () => {
  const server = await startAnthropicMockServer();
  const tracing = setupMemoryTracing();
  try {
    const { Anthropic } = require('@anthropic-ai/sdk') as AnthropicSdk;
    const client = new Anthropic({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
    await client.messages.create({
      model: 'claude-test-1',
      max_tokens: 8,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const generate = tracing.span('chat claude-test-1');
    assert.equal(tracing.span(SDK_SPAN).parentSpanContext?.spanId, generate.spanContext().spanId);

    // With the SDK's own tracing off, create returns its APIPromise directly: still one stage span.
    tracing.reset();
    const quiet = new (Anthropic as unknown as new (options: object) => typeof client)({
      apiKey: 'k',
      baseURL: server.url,
      maxRetries: 0,
      openTelemetry: false,
    });
    const stream = await quiet.messages.create({ ...ASK, stream: true });
    for await (const _event of stream as AsyncIterable<unknown>) continue;
    assert.deepEqual(
      tracing.spans().map((span) => [span.name, span.attributes[ATTR_RAGTRACE_STREAM_OUTCOME]]),
      [['chat claude-test-1', 'completed']],
    );
  } finally {
    await tracing.shutdown();
    await server.close();
  }
});
