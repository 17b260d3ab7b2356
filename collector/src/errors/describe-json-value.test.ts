import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeJsonValue } from './describe-json-value.js';

describe('describeJsonValue', () => {
  it('shows a short value as its JSON text, and numbers as JavaScript holds them', () => {
    const values = [{ not: 'an array' }, [], ['x', 1, null, true], 'a "quoted" word', { '': [{}] }];
    for (const value of values) assert.equal(describeJsonValue(value), JSON.stringify(value));
    assert.equal(describeJsonValue(JSON.parse('1e400')), 'Infinity');
    assert.equal(describeJsonValue(1e21), '1e+21');
    assert.equal(describeJsonValue(undefined), 'nothing');
  });

  it('cuts a long value at 60 characters', () => {
    assert.equal(describeJsonValue('x'.repeat(100)), `"${'x'.repeat(59)}…`);
    const list = Array.from({ length: 100 }, (_, i) => i);
    assert.equal(describeJsonValue(list), `${JSON.stringify(list).slice(0, 60)}…`);
  });

  it('shows the start of values nested 200,000 levels deep, which JSON.stringify cannot', () => {
    const deepArray = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`) as unknown;
    assert.throws(() => JSON.stringify(deepArray), RangeError);
    assert.equal(describeJsonValue(deepArray), `${'['.repeat(60)}…`);
    const deepObject = JSON.parse(`${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}`) as unknown;
    assert.equal(describeJsonValue(deepObject), `${'{"a":'.repeat(12)}…`);
  });
});
