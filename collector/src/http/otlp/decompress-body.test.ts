import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { MalformedRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../http-errors.js';
import { decompressBody } from './decompress-body.js';

describe('decompressBody', () => {
  it('passes identity bodies through and inflates gzip', async () => {
    const body = new TextEncoder().encode('{"resourceSpans":[]}');
    assert.deepEqual(await decompressBody(body, undefined, 1024), body);
    assert.deepEqual(Buffer.from(await decompressBody(gzipSync(body), 'gzip', 1024)), Buffer.from(body));
  });

  it('refuses a gzip bomb at the limit instead of inflating it', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MiB of zeros in ~64 KiB
    assert.ok(bomb.length < 100 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    await assert.rejects(decompressBody(bomb, 'gzip', 1024 * 1024), PayloadTooLargeError);
    assert.ok(process.memoryUsage().arrayBuffers - before < 32 * 1024 * 1024, 'inflated far past the limit');
  });

  it('reports corrupt gzip as a malformed request and unknown encodings as unsupported', async () => {
    await assert.rejects(decompressBody(new Uint8Array([1, 2, 3]), 'gzip', 1024), MalformedRequestError);
    await assert.rejects(decompressBody(new Uint8Array([1]), 'br', 1024), UnsupportedMediaTypeError);
  });
});
