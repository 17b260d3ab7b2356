import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeError } from './describe-error.js';

describe('describeError', () => {
  it('names each link of the cause chain, with its code and a note when it has no message', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' });
    const wrapped = new Error('ClickHouse is unavailable', { cause: new TypeError('', { cause: refused }) });
    assert.equal(
      describeError(wrapped),
      'Error: ClickHouse is unavailable ← caused by TypeError: (no message) ← caused by Error [ECONNREFUSED]: connect ECONNREFUSED 127.0.0.1:8123',
    );
  });

  it('describes what is not an Error, and stops a cause chain that loops', () => {
    assert.equal(describeError('socket closed'), 'socket closed');
    const looping = new Error('again');
    looping.cause = looping;
    assert.equal(describeError(looping).split(' ← caused by ').length, 6);
  });
});
