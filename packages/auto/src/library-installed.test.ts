import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isLibraryInstalled } from './library-installed.js';

async function writePackage(appDir: string, name: string, manifest: Record<string, unknown>): Promise<void> {
  const dir = join(appDir, 'node_modules', name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', ...manifest }));
  await writeFile(join(dir, 'index.js'), 'module.exports = {};');
  await writeFile(join(dir, 'index.mjs'), 'export {};');
}

describe('isLibraryInstalled', () => {
  let appDir: string;
  let otherDir: string;
  before(async () => {
    appDir = await mkdtemp(join(tmpdir(), 'ragtrace-register-app-'));
    otherDir = await mkdtemp(join(tmpdir(), 'ragtrace-register-other-'));
    await writePackage(appDir, 'plain-lib', { main: 'index.js' });
    await writePackage(appDir, '@scope/esm-only-lib', { type: 'module', exports: { import: './index.mjs' } });
  });
  after(async () => {
    await rm(appDir, { recursive: true, force: true });
    await rm(otherDir, { recursive: true, force: true });
  });

  it('finds a package in the node_modules of one of the directories', () => {
    assert.equal(isLibraryInstalled('plain-lib', [appDir]), true);
    assert.equal(isLibraryInstalled('plain-lib', [otherDir, appDir]), true);
    assert.equal(isLibraryInstalled('plain-lib', [otherDir]), false);
  });

  it('counts an ESM-only package that require() cannot resolve', () => {
    assert.equal(isLibraryInstalled('@scope/esm-only-lib', [appDir]), true);
  });

  it('answers false for a package installed nowhere', () => {
    assert.equal(isLibraryInstalled('no-such-library-anywhere', [appDir, otherDir]), false);
  });
});
