import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_DESCRIPTION,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_TOOL_TYPE,
  ATTR_RAGTRACE_STAGE,
} from '@ragtrace/semconv';
import { ATTR_EXCEPTION_MESSAGE } from '@opentelemetry/semantic-conventions';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { MemoryTracing } from '../testing/memory-tracing.js';
import { setupMemoryTracing } from '../testing/memory-tracing.js';
import { toolCall } from './tool-call.js';

describe('toolCall', () => {
  let tracing: MemoryTracing;
  before(() => {
    tracing = setupMemoryTracing();
  });
  afterEach(() => tracing.reset());
  after(() => tracing.shutdown());

  it('records the tool as an INTERNAL execute_tool span', () => {
    const result = toolCall(
      {
        name: 'lookup_order_status',
        callId: 'call_1',
        type: 'function',
        description: 'Looks up an order',
        arguments: { orderId: 'RT-1' },
      },
      () => ({ status: 'shipped' }),
    );

    assert.deepEqual(result, { status: 'shipped' });
    const span = tracing.span('execute_tool lookup_order_status');
    assert.equal(span.kind, SpanKind.INTERNAL);
    assert.equal(span.attributes[ATTR_GEN_AI_OPERATION_NAME], 'execute_tool');
    assert.equal(span.attributes[ATTR_RAGTRACE_STAGE], 'tool');
    assert.equal(span.attributes[ATTR_GEN_AI_TOOL_NAME], 'lookup_order_status');
    assert.equal(span.attributes[ATTR_GEN_AI_TOOL_CALL_ID], 'call_1');
    assert.equal(span.attributes[ATTR_GEN_AI_TOOL_TYPE], 'function');
    assert.equal(span.attributes[ATTR_GEN_AI_TOOL_DESCRIPTION], 'Looks up an order');
  });

  it('records a failing asynchronous tool with its error class', async () => {
    class OrderNotFoundError extends Error {}
    const failure = new OrderNotFoundError('no such order');

    await assert.rejects(
      toolCall({ name: 'lookup_order_status' }, async () => {
        await Promise.resolve();
        throw failure;
      }),
      (error) => error === failure,
    );

    const span = tracing.span('execute_tool lookup_order_status');
    assert.equal(span.status.code, SpanStatusCode.ERROR);
    assert.equal(span.attributes[ATTR_ERROR_TYPE], 'OrderNotFoundError');
    const exception = span.events.find((event) => event.name === 'exception');
    assert.equal(exception?.attributes?.[ATTR_EXCEPTION_MESSAGE], 'no such order');
  });
});
