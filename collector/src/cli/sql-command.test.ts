import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  serveClickHouseRoutes,
  type ServedClickHouseRoutes,
} from '../http/clickhouse/test-support/serve-clickhouse-routes.js';
import { runSqlCommand } from './sql-command.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runSqlCommand(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env,
  });
  return { code, stdout, stderr };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('ragtrace sql', () => {
  let served: ServedClickHouseRoutes;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    served = await serveClickHouseRoutes({ readonly: true });
    env = { RAGTRACE_HOST: '127.0.0.1', RAGTRACE_PORT: served.url.port };
    await served.storage.command('CREATE TABLE otel.models (name String, tokens UInt32) ENGINE = Memory');
    await served.storage.insertRows('models', [
      { name: 'gpt-4o', tokens: 1200 },
      { name: 'claude-sonnet', tokens: 800 },
    ]);
  });
  after(() => served.close());

  it('prints the rows as a table for people by default and exits 0', async () => {
    const result = await run(['SELECT name, tokens FROM models ORDER BY tokens DESC'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /┌─name─+┬─tokens─┐/);
    assert.match(lines[1]!, /│ gpt-4o +│ +1200 │/);
    assert.match(lines[2]!, /│ claude-sonnet │ +800 │/);
  });

  it('prints in the format asked for, by --format or by a FORMAT clause', async () => {
    const tsv = await run(['--format', 'TSVWithNames', 'SELECT name FROM models ORDER BY name'], env);
    assert.equal(tsv.stdout, 'name\nclaude-sonnet\ngpt-4o\n');
    const json = await run(
      ['SELECT', 'sum(tokens)', 'AS', 'total', 'FROM', 'models', 'FORMAT', 'JSONEachRow'],
      env,
    );
    assert.match(json.stdout, /^\{"total":"?2000"?\}\n$/);
  });

  it('reaches the collector named by --url', async () => {
    const result = await run(['--url', served.url.href, '--format=TSV', 'SELECT count() FROM models'], {});
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '2\n');
  });

  it('prints a ClickHouse error with its code and exits 1', async () => {
    const unknown = await run(['SELECT * FROM no_such_table'], env);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stdout, '');
    assert.match(
      unknown.stderr,
      /^ragtrace sql: Code: 60\. DB::Exception: .*no_such_table.*\(UNKNOWN_TABLE\)\n$/,
    );
    const write = await run(['DROP TABLE models'], env);
    assert.equal(write.code, 1);
    assert.match(write.stderr, /^ragtrace sql: Code: 164\. .*\(READONLY\)\n$/);
  });

  it('says the collector cannot be reached and exits 2', async () => {
    const port = await closedPort();
    const result = await run(['SELECT 1'], { RAGTRACE_PORT: String(port) });
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      `ragtrace sql: cannot reach the collector at http://127.0.0.1:${port} — is it running? (npm start)\n`,
    );
  });

  it('names a bad RAGTRACE_PORT or --url and exits 2', async () => {
    const port = await run(['SELECT 1'], { RAGTRACE_PORT: 'eighty' });
    assert.equal(port.code, 2);
    assert.match(port.stderr, /RAGTRACE_PORT="eighty".*integer from 0 to 65535/);
    const url = await run(['--url', 'ftp://collector', 'SELECT 1'], {});
    assert.equal(url.code, 2);
    assert.match(url.stderr, /--url="ftp:\/\/collector"/);
  });

  it('prints usage for --help, and for a missing query on stderr with exit 2', async () => {
    const help = await run(['--help'], env);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: ragtrace sql/);
    const missing = await run([], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no query given[\s\S]*Usage: ragtrace sql/);
  });
});
