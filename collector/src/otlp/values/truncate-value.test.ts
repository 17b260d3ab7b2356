import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { truncateValue } from './truncate-value.js';

describe('truncateValue', () => {
  it('returns a value within the limit unchanged', () => {
    assert.equal(truncateValue('12345678', 8), '12345678');
  });

  it('cuts a longer value and says how many characters were cut', () => {
    assert.equal(truncateValue('1234567890', 8), '12345678…[truncated 2 chars]');
  });

  it('never splits a surrogate pair', () => {
    // '😀' is two UTF-16 code units; cutting between them would leave a lone half.
    assert.equal(truncateValue('abc😀def', 4), 'abc…[truncated 5 chars]');
  });
});
