import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KeyFileError } from './auth-errors.js';
import { createKey, revokeKey } from './key-file.js';
import { KeyStore } from './key-store.js';

describe('KeyStore', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ragtrace-keys-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('knows no key while the file does not exist, and sees keys created and revoked afterwards', async () => {
    const path = join(dir, 'hot', 'keys.json');
    const store = new KeyStore(path);
    assert.equal(store.lookup('rtk_anything'), undefined);

    const { key, record } = await createKey(path, 'alpha', ['ingest']);
    assert.deepEqual(store.lookup(key), record);
    assert.equal(store.lookup(`${key}x`), undefined);

    const second = await createKey(path, 'beta', ['read']);
    assert.equal(store.lookup(second.key)?.project, 'beta');
    assert.equal(await revokeKey(path, record.id), true);
    assert.equal(store.lookup(key), undefined);
    assert.equal(store.lookup(second.key)?.project, 'beta');
  });

  it('refuses to start on an invalid file, and keeps the last good keys if the file breaks later', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, '{"keys": [{"id": 1}]}');
    assert.throws(() => new KeyStore(path), KeyFileError);

    await writeFile(path, '{"keys": []}');
    const reported: unknown[] = [];
    const store = new KeyStore(path, (error) => reported.push(error));
    const { key } = await createKey(path, 'alpha', ['read']);
    assert.equal(store.lookup(key)?.project, 'alpha');
    await writeFile(path, 'not json, and longer than before');
    assert.equal(store.lookup(key)?.project, 'alpha');
    assert.equal(store.lookup(key)?.project, 'alpha');
    assert.equal(reported.length, 1, 'a broken file is reported once, not on every request');
  });
});
