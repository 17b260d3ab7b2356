import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Manifest {
  name: string;
  private?: boolean;
  exports?: Record<string, string | Record<string, string>>;
  bin?: Record<string, string>;
}

interface PackResult {
  entryCount: number;
  size: number;
  files: { path: string }[];
}

const readManifest = (folder: string): Manifest =>
  JSON.parse(readFileSync(join(ROOT, folder, 'package.json'), 'utf8')) as Manifest;

const workspaces = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] })
  .workspaces;
const publishable = workspaces.filter((folder) => readManifest(folder).private !== true);
const repositoryHasLicense = existsSync(join(ROOT, 'LICENSE'));

/** What a user of the package needs: its manifest, README, licence, built JS and declarations. */
const NEEDED = /^(package\.json|README\.md|LICENSE|dist\/.+\.(js|cjs|d\.ts|d\.cts))$/;
/** What never belongs in a published package, wherever it sits. */
const NEVER = /\.tsbuildinfo$|\.test\.|(^|\/)(test-support|fixtures|src)\//;

/** The files exports and bin point at: every one must be packed, or an import or a command fails. */
function entryPoints(manifest: Manifest): string[] {
  const targets = Object.values(manifest.exports ?? {}).flatMap((target) =>
    typeof target === 'string'
      ? [target]
      : Object.entries(target)
          .filter(([condition]) => condition !== 'ragtrace-source')
          .map(([, path]) => path),
  );
  return [...targets, ...Object.values(manifest.bin ?? {})].map((path) => path.replace(/^\.\//, ''));
}

async function packDryRun(folder: string): Promise<PackResult> {
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: join(ROOT, folder),
  });
  const [result] = JSON.parse(stdout) as PackResult[];
  assert.ok(result, `npm pack printed no result for ${folder}`);
  return result;
}

describe('npm pack of each publishable workspace (the build, as npm would publish it)', () => {
  it('finds the publishable packages', () => {
    assert.ok(
      publishable.includes('packages/auto') && publishable.includes('collector'),
      String(publishable),
    );
  });

  for (const folder of publishable) {
    it(`${folder}: README, ${repositoryHasLicense ? 'LICENSE, ' : ''}built JS, declarations and bins, nothing else`, async () => {
      const manifest = readManifest(folder);
      const paths = (await packDryRun(folder)).files.map((file) => file.path);

      assert.ok(paths.includes('README.md'), `${manifest.name} has no README.md`);
      if (repositoryHasLicense) assert.ok(paths.includes('LICENSE'), `${manifest.name} has no LICENSE`);
      assert.deepEqual(
        paths.filter((path) => NEVER.test(path)),
        [],
        `${manifest.name} packs build or test leftovers`,
      );
      const bins = new Set(Object.values(manifest.bin ?? {}).map((path) => path.split('/')[0]));
      assert.deepEqual(
        paths.filter((path) => !NEEDED.test(path) && !bins.has(path.split('/')[0]!)),
        [],
        `${manifest.name} packs files a user does not need`,
      );
      for (const entry of entryPoints(manifest)) {
        assert.ok(
          paths.includes(entry),
          `${manifest.name} points at ${entry}, which is not packed (build first)`,
        );
        if (entry.endsWith('.js') && entry.startsWith('dist/')) {
          const declarations = entry.replace(/\.js$/, '.d.ts');
          assert.ok(paths.includes(declarations), `${manifest.name}: ${entry} comes without ${declarations}`);
        }
      }
    });
  }
});
