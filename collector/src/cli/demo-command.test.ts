import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CliIo } from './cli-io.js';
import type { DemoModule } from './demo-command.js';
import { importDemo, runDemoCommand } from './demo-command.js';

function recordingIo(env: NodeJS.ProcessEnv = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    env,
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
  };
  return io;
}

describe('ragtrace demo', () => {
  it('says how to get the demo when its package is not installed', async () => {
    const io = recordingIo();
    assert.equal(await runDemoCommand(['--endpoint', 'http://127.0.0.1:1'], io, async () => undefined), 1);
    assert.match(io.err, /@ragtrace\/demo, which is not installed/);
    assert.match(io.err, /npm install @ragtrace\/demo/);
    assert.match(io.err, /npx @ragtrace\/demo/);
    assert.equal(io.out, '');
  });

  it("hands the flags and RAGTRACE_API_KEY to the demo's own command line", async () => {
    const calls: Parameters<DemoModule['runDemoCli']>[] = [];
    const demo: DemoModule = {
      runDemoCli: async (...args) => {
        calls.push(args);
        return 0;
      },
    };
    const io = recordingIo({ RAGTRACE_API_KEY: 'rtk_test' });
    assert.equal(await runDemoCommand(['--endpoint', 'http://127.0.0.1:1'], io, async () => demo), 0);
    const [[argv, , options]] = calls as [Parameters<DemoModule['runDemoCli']>];
    assert.deepEqual(argv, ['--endpoint', 'http://127.0.0.1:1']);
    assert.deepEqual(options, { program: 'ragtrace demo', headers: { 'x-api-key': 'rtk_test' } });
  });

  it('finds the demo of this workspace', async () => {
    assert.equal(typeof (await importDemo())?.runDemoCli, 'function');
  });
});
