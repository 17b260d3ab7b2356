import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { loadCollectorConfig } from './collector-config.js';
import { ConfigError } from './config-error.js';

describe('auth settings', () => {
  it('require a key by default when the collector listens beyond loopback', () => {
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'collector.internal']) {
      assert.equal(loadCollectorConfig({ RAGTRACE_HOST: host }).auth.mode, 'required', host);
    }
  });

  it('need no key by default on loopback, so npm start and ragtrace demo work as they are', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', '[::1]', 'localhost']) {
      assert.equal(loadCollectorConfig({ RAGTRACE_HOST: host }).auth.mode, 'off', host);
    }
  });

  it('follow RAGTRACE_AUTH or --auth whatever the host, and refuse other values naming them', () => {
    assert.equal(loadCollectorConfig({ RAGTRACE_HOST: '0.0.0.0', RAGTRACE_AUTH: 'off' }).auth.mode, 'off');
    assert.equal(loadCollectorConfig({}, new Map([['--auth', 'required']])).auth.mode, 'required');
    assert.throws(
      () => loadCollectorConfig({ RAGTRACE_AUTH: 'yes' }),
      (error) =>
        error instanceof ConfigError &&
        error.message === 'Invalid RAGTRACE_AUTH="yes": expected one of required, off',
    );
  });

  it('keep the key file in the data dir unless RAGTRACE_KEYS_FILE says otherwise', () => {
    assert.equal(
      loadCollectorConfig({ RAGTRACE_DATA_DIR: '/srv/rt' }).auth.keysFile,
      join('/srv/rt', 'keys.json'),
    );
    assert.equal(
      loadCollectorConfig({ RAGTRACE_KEYS_FILE: 'secrets/keys.json' }).auth.keysFile,
      resolve('secrets/keys.json'),
    );
  });
});
