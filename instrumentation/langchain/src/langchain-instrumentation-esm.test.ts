import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { it } from 'node:test';

const app = fileURLToPath(new URL('./test-support/esm-app.ts', import.meta.url));

it('patches the ESM build of @langchain/core through the import hook', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=ragtrace-source', '--import', 'tsx', app],
    { timeout: 60_000 },
  );
  assert.deepEqual(JSON.parse(stdout), {
    reply: 'esm reply',
    spans: ['chat FakeListChatModel'],
    modelsPatched: true,
  });
});
