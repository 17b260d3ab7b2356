import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ATTR_RAGTRACE_DROPPED_ATTRIBUTES_COUNT } from '@ragtrace/semconv';
import { newSpanRow } from '../otlp/values/new-span-row.js';
import { capSpanAttributes } from './cap-span-attributes.js';

describe('capSpanAttributes', () => {
  it('leaves a span within the limit untouched', () => {
    const row = newSpanRow();
    row.SpanAttributes = { a: '1', b: '2' };
    assert.equal(capSpanAttributes(row, 2), 0);
    assert.deepEqual(row.SpanAttributes, { a: '1', b: '2' });
  });

  it('keeps the first attributes, drops the excess and records how many it dropped', () => {
    const row = newSpanRow();
    row.SpanAttributes = { a: '1', b: '2', c: '3', d: '4' };
    assert.equal(capSpanAttributes(row, 2), 2);
    assert.deepEqual(row.SpanAttributes, { a: '1', b: '2', [ATTR_RAGTRACE_DROPPED_ATTRIBUTES_COUNT]: '2' });
  });
});
