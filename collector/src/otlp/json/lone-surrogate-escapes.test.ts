import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { repairLoneSurrogateEscapes } from './lone-surrogate-escapes.js';

const parsed = (text: string): unknown => JSON.parse(repairLoneSurrogateEscapes(text));

describe('repairLoneSurrogateEscapes', () => {
  it('turns escapes of lone surrogates, high or low, into U+FFFD', () => {
    assert.equal(parsed('"a\\ud800b"'), 'a\uFFFDb');
    assert.equal(parsed('"a\\uDFFFb"'), 'a\uFFFDb');
    assert.equal(parsed('"\\udc00\\ud800"'), '\uFFFD\uFFFD');
    assert.deepEqual(parsed('["\\ud83d", {"\\ud800": "x"}]'), JSON.parse('["\\ufffd", {"\\ufffd": "x"}]'));
  });

  it('keeps surrogate pairs, whether escaped or not, and a lone half next to a pair', () => {
    assert.equal(parsed('"\\ud83d\\ude00"'), '😀');
    assert.equal(parsed('"\\uD83D\\uDE00 😀"'), '😀 😀');
    assert.equal(parsed('"\\ud800\\ud83d\\ude00\\ude00"'), '\uFFFD😀\uFFFD');
  });

  it('leaves escaped backslashes followed by text that only looks like an escape', () => {
    assert.equal(parsed('"\\\\ud800"'), '\\ud800');
    assert.equal(parsed('"\\\\\\ud800"'), '\\\uFFFD');
    assert.equal(parsed('"\\\\\\\\ud800"'), '\\\\ud800');
  });

  it('keeps the text as it is when nothing needs repairing, and its length when something does', () => {
    const text = '{"a":"\\u00e9\\n","b":[1,2]}';
    assert.equal(repairLoneSurrogateEscapes(text), text);
    const broken = '{"a":"\\ud800",}';
    assert.equal(repairLoneSurrogateEscapes(broken).length, broken.length);
  });
});
