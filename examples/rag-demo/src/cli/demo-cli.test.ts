import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runDemoCli } from './demo-cli.js';

describe("the demo's command line", () => {
  it('names the command it runs as in its usage', async () => {
    let out = '';
    const io = { stdout: (text: string) => void (out += text) };
    assert.equal(await runDemoCli(['--help'], io), 0);
    assert.match(out, /^Usage: ragtrace-demo \[--endpoint URL\]/);
    out = '';
    assert.equal(await runDemoCli(['-h'], io, { program: 'ragtrace demo' }), 0);
    assert.match(out, /^Usage: ragtrace demo \[--endpoint URL\]/);
  });

  it('refuses a flag it does not know, naming it', async () => {
    await assert.rejects(runDemoCli(['--endpoit', 'x'], { stdout: () => {} }), /'--endpoit'/);
  });
});
