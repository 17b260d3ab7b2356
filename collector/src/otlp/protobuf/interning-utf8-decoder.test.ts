import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InterningUtf8Decoder } from './interning-utf8-decoder.js';

describe('InterningUtf8Decoder', () => {
  it('decodes like a plain UTF-8 decoder, however often and in whatever order strings repeat', () => {
    // A small alphabet makes near-duplicates and slot collisions common.
    const alphabet = ['a', 'b', '.', '_', 'é', '€', '😀'];
    let seed = 7;
    const random = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
    const strings = Array.from({ length: 3000 }, () =>
      Array.from({ length: random(70) }, () => alphabet[random(random(4) === 0 ? 7 : 4)]).join(''),
    );
    const decoder = new InterningUtf8Decoder();
    const plain = new TextDecoder();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < strings.length; i++) {
        const string = strings[random(strings.length)]!;
        // Decode from the middle of a larger buffer, as from a request body.
        const bytes = Buffer.from(`xx${string}yy`);
        assert.equal(
          decoder.decode(bytes, 2, bytes.length - 2),
          plain.decode(bytes.subarray(2, bytes.length - 2)),
        );
      }
    }
  });

  it('replaces invalid UTF-8 with U+FFFD and does not confuse it with other bytes', () => {
    const decoder = new InterningUtf8Decoder();
    assert.equal(decoder.decode(Uint8Array.of(0xff, 0x61), 0, 2), '\uFFFDa');
    assert.equal(decoder.decode(Uint8Array.of(0xfe, 0x61), 0, 2), '\uFFFDa');
    assert.equal(decoder.decode(Uint8Array.of(0x3f, 0x61), 0, 2), '?a');
    assert.equal(decoder.decode(Uint8Array.of(), 0, 0), '');
  });
});
