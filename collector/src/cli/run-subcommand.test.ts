import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CliIo } from './cli-io.js';
import { main } from './index.js';
import { runSubcommand } from './run-subcommand.js';

function capturingIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    env: {},
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
  };
  return io;
}

describe('runSubcommand', () => {
  const calls: string[][] = [];
  const commands = {
    list: async (argv: string[]) => {
      calls.push(argv);
      return 7;
    },
  };

  it('runs the named command with the rest of the arguments and returns its status', async () => {
    const io = capturingIo();
    assert.equal(await runSubcommand('tool', 'action', 'USAGE', commands, ['list', '--all', 'x'], io), 7);
    assert.deepEqual(calls.at(-1), ['--all', 'x']);
  });

  for (const argv of [[], ['help'], ['--help'], ['-h']]) {
    it(`prints the usage for ${JSON.stringify(argv)} and exits 0`, async () => {
      const io = capturingIo();
      assert.equal(await runSubcommand('tool', 'action', 'USAGE', commands, argv, io), 0);
      assert.equal(io.out, 'USAGE');
    });
  }

  for (const name of ['nope', 'toString', '--list']) {
    it(`reports the unknown name ${name} with the usage and exits 2`, async () => {
      const io = capturingIo();
      assert.equal(await runSubcommand('tool', 'action', 'USAGE', commands, [name], io), 2);
      assert.equal(io.err, `tool: unknown action ${JSON.stringify(name)}\n\nUSAGE`);
    });
  }

  it('serves the ragtrace CLI and its keys and prices commands', async () => {
    for (const [argv, message] of [
      [['frobnicate'], 'ragtrace: unknown command "frobnicate"'],
      [['keys', 'rotate'], 'ragtrace keys: unknown action "rotate"'],
      [['prices', 'edit'], 'ragtrace prices: unknown action "edit"'],
    ] as const) {
      const io = capturingIo();
      assert.equal(await main([...argv], io), 2);
      assert.ok(io.err.startsWith(message), io.err);
    }
    const io = capturingIo();
    assert.equal(await main(['keys', '--help'], io), 0);
    assert.match(io.out, /^Usage: ragtrace keys/);
  });
});
