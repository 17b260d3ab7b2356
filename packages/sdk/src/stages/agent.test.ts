import { SpanKind } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_AGENT_ID,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_RAGTRACE_STAGE,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { MemoryTracing } from '../testing/memory-tracing.js';
import { setupMemoryTracing } from '../testing/memory-tracing.js';
import { agent } from './agent.js';
import { toolCall } from './tool-call.js';

describe('agent', () => {
  let tracing: MemoryTracing;
  before(() => {
    tracing = setupMemoryTracing();
  });
  afterEach(() => tracing.reset());
  after(() => tracing.shutdown());

  it('records the agent as an INTERNAL invoke_agent span that its tool calls nest under', async () => {
    await agent(
      { name: 'support-agent', id: 'agent-7', provider: 'openai', model: 'gpt-4o' },
      async (span) => {
        await toolCall({ name: 'search' }, async () => 'found');
        span.setUsage({ outputTokens: 42 });
      },
    );

    const span = tracing.span('invoke_agent support-agent');
    assert.equal(span.kind, SpanKind.INTERNAL);
    assert.equal(span.attributes[ATTR_GEN_AI_OPERATION_NAME], 'invoke_agent');
    assert.equal(span.attributes[ATTR_RAGTRACE_STAGE], 'agent');
    assert.equal(span.attributes[ATTR_GEN_AI_AGENT_NAME], 'support-agent');
    assert.equal(span.attributes[ATTR_GEN_AI_AGENT_ID], 'agent-7');
    assert.equal(span.attributes[ATTR_GEN_AI_PROVIDER_NAME], 'openai');
    assert.equal(span.attributes[ATTR_GEN_AI_REQUEST_MODEL], 'gpt-4o');
    assert.equal(span.attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS], 42);
    const tool = tracing.span('execute_tool search');
    assert.equal(tool.parentSpanContext?.spanId, span.spanContext().spanId);
  });
});
