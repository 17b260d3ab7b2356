import { diag, DiagLogLevel } from '@opentelemetry/api';
import { InstrumentationBase, InstrumentationNodeModuleDefinition } from '@opentelemetry/instrumentation';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { CatalogEntry } from './instrumentation-catalog.js';
import { INSTRUMENTATION_CATALOG } from './instrumentation-catalog.js';
import { loadInstalledInstrumentations } from './load-installed-instrumentations.js';
import type { ModuleLoader } from './load-instrumentation.js';
import { loadInstrumentation } from './load-instrumentation.js';

class FakeInstrumentation extends InstrumentationBase {
  constructor() {
    // Disabled: these tests are about loading, and an enabled hook would outlive them.
    super('@ragtrace/fake-instrumentation', '0.0.1', { enabled: false });
  }
  protected override init(): InstrumentationNodeModuleDefinition[] {
    return [new InstrumentationNodeModuleDefinition('fake-library', ['*'])];
  }
}

const ENTRY: CatalogEntry = {
  name: 'fake',
  instrumentationPackage: '@ragtrace/instrumentation-fake',
  exportName: 'FakeInstrumentation',
  library: 'fake-library',
};

function loaderOf(modules: Record<string, unknown>): ModuleLoader & { specifiers: string[] } {
  const specifiers: string[] = [];
  const load = (specifier: string): unknown => {
    specifiers.push(specifier);
    if (!(specifier in modules)) throw new Error(`Cannot find module '${specifier}'`);
    return modules[specifier];
  };
  return Object.assign(load, { specifiers });
}

describe('loading an instrumentation package', () => {
  let warnings: string[];
  beforeEach(() => {
    warnings = [];
    const record = (message: string): void => void warnings.push(message);
    diag.setLogger(
      { error: record, warn: record, info: () => {}, debug: () => {}, verbose: () => {} },
      { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
    );
  });
  afterEach(() => diag.disable());

  it('constructs the exported class', () => {
    const load = loaderOf({ '@ragtrace/instrumentation-fake': { FakeInstrumentation } });
    const instrumentation = loadInstrumentation(ENTRY, load);
    assert.ok(instrumentation instanceof FakeInstrumentation);
    assert.deepEqual(load.specifiers, ['@ragtrace/instrumentation-fake']);
    assert.deepEqual(warnings, []);
  });

  it('loads the openai instrumentation through the real loader', () => {
    const openai = INSTRUMENTATION_CATALOG.find((entry) => entry.name === 'openai')!;
    const instrumentation = loadInstrumentation(openai);
    try {
      assert.equal(instrumentation?.instrumentationName, '@ragtrace/instrumentation-openai');
      assert.deepEqual(warnings, []);
    } finally {
      instrumentation?.disable();
    }
  });

  it('reports a package that does not load, and skips it', () => {
    assert.equal(loadInstrumentation(ENTRY, loaderOf({})), undefined);
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0]!,
      /instrumentation 'fake' not enabled: .*Cannot find module '@ragtrace\/instrumentation-fake'/,
    );
  });

  it('reports a missing export, and skips it', () => {
    const load = loaderOf({ '@ragtrace/instrumentation-fake': { PLACEHOLDER: 'fake' } });
    assert.equal(loadInstrumentation(ENTRY, load), undefined);
    assert.match(warnings[0]!, /exports no class FakeInstrumentation/);
  });

  it('reports an export that is not an OpenTelemetry instrumentation, and skips it', () => {
    const load = loaderOf({ '@ragtrace/instrumentation-fake': { FakeInstrumentation: class {} } });
    assert.equal(loadInstrumentation(ENTRY, load), undefined);
    assert.match(warnings[0]!, /FakeInstrumentation is not an OpenTelemetry instrumentation/);
  });

  it('reports a constructor that throws, and skips it', () => {
    const Throwing = function () {
      throw new Error('boom');
    };
    const load = loaderOf({ '@ragtrace/instrumentation-fake': { FakeInstrumentation: Throwing } });
    assert.equal(loadInstrumentation(ENTRY, load), undefined);
    assert.match(warnings[0]!, /instrumentation 'fake' not enabled: Error: boom/);
  });
});

describe('loading the instrumentations of installed libraries', () => {
  let appDir: string;
  beforeEach(async () => {
    appDir = await mkdtemp(join(tmpdir(), 'ragtrace-register-app-'));
    const libraryDir = join(appDir, 'node_modules', 'fake-library');
    await mkdir(libraryDir, { recursive: true });
    await writeFile(
      join(libraryDir, 'package.json'),
      JSON.stringify({ name: 'fake-library', version: '1.0.0' }),
    );
    await writeFile(join(libraryDir, 'index.js'), 'module.exports = {};');
  });
  afterEach(() => rm(appDir, { recursive: true, force: true }));

  it('loads only the packages whose library the app can resolve', () => {
    const absent: CatalogEntry = { ...ENTRY, name: 'absent', library: 'absent-library' };
    const load = loaderOf({ '@ragtrace/instrumentation-fake': { FakeInstrumentation } });
    const loaded = loadInstalledInstrumentations([absent, ENTRY], [appDir], load);
    assert.deepEqual([...loaded.keys()], ['fake']);
    // The absent library's instrumentation package is not even loaded.
    assert.deepEqual(load.specifiers, ['@ragtrace/instrumentation-fake']);
  });

  it('resolves every catalog package from this package, as the real loader does', () => {
    // They are this package's dependencies; whether each exports its class is its own tests' business.
    const resolveFromHere = createRequire(import.meta.url).resolve;
    for (const entry of INSTRUMENTATION_CATALOG) {
      assert.doesNotThrow(() => resolveFromHere(entry.instrumentationPackage), entry.instrumentationPackage);
    }
  });
});
