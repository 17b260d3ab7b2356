import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { dashboardFiles } from './dashboard-files.js';

const dashboardsDir = fileURLToPath(new URL('../../', import.meta.url));
const REGENERATE = 'run `npm run dashboards:build` and commit the result';
/** The workspace package's own JSON files, which live beside the dashboards. */
const PACKAGE_FILES = new Set(['package.json', 'tsconfig.build.json']);

describe('committed dashboards/*.json', () => {
  const generated = dashboardFiles();

  it('are exactly what the TypeScript sources generate', async () => {
    for (const file of generated) {
      const committed = await readFile(join(dashboardsDir, file.name), 'utf8').catch(() => undefined);
      assert.ok(committed !== undefined, `dashboards/${file.name} is missing: ${REGENERATE}`);
      assert.equal(committed, file.text, `dashboards/${file.name} differs from its source: ${REGENERATE}`);
    }
  });

  it('has no stale dashboard left from a removed source', async () => {
    const committed = (await readdir(dashboardsDir)).filter(
      (name) => name.endsWith('.json') && !PACKAGE_FILES.has(name),
    );
    assert.deepEqual(committed.sort(), generated.map((file) => file.name).sort());
  });

  it('pick their datasource through a variable, never a fixed uid', () => {
    for (const file of generated) {
      const uids = [...file.text.matchAll(/"uid": "([^"]*)"/g)].map((match) => match[1]);
      const datasourceUids = uids.filter((uid) => !uid?.startsWith('ragtrace-'));
      assert.ok(datasourceUids.length > 0, file.name);
      assert.deepEqual(new Set(datasourceUids), new Set(['${datasource}']), file.name);
    }
  });
});
