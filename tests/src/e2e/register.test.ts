import { startOpenAIMockServer, type LoopbackServer } from '@ragtrace/instrumentation-test-kit';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/register/', import.meta.url));
const APP_TIMEOUT_MS = 30_000;

interface AppRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const AUTO_REGISTER = '@ragtrace/auto/register';
/** The deprecated alias, kept for one release. */
const SDK_REGISTER = '@ragtrace/sdk/register';
const DEPRECATION_NOTICE =
  /^@ragtrace\/sdk\/register is deprecated .* node --import @ragtrace\/auto\/register/m;

interface AppOptions {
  preload: '--import' | '--require';
  /** The register entry preloaded; `@ragtrace/auto/register` unless told. */
  entry?: typeof AUTO_REGISTER | typeof SDK_REGISTER;
  app: 'esm-app.mjs' | 'cjs-app.cjs';
  serviceName: string;
  env?: Record<string, string>;
  /** Sent once the app prints `ready`. */
  signal?: NodeJS.Signals;
}

interface GenerateRow {
  ServiceName: string;
  Stage: string;
  OperationName: string;
  Provider: string;
  RequestModel: string;
  InputTokens: string;
  OutputTokens: string;
  StatusCode: string;
}

describe('node --import @ragtrace/auto/register (the build, in a child process)', () => {
  let collector: TestCollector;
  let openai: LoopbackServer;
  before(async () => {
    [collector, openai] = await Promise.all([startTestCollector(), startOpenAIMockServer()]);
  });
  after(async () => {
    await Promise.all([collector?.stop(), openai?.close()]);
  });

  /** Runs a fixture app the way a user would: plain node, the preload flag, the OTEL_* variables. */
  async function runApp(options: AppOptions): Promise<AppRun> {
    const { NODE_OPTIONS: _inherited, ...environment } = process.env;
    const entry = options.entry ?? AUTO_REGISTER;
    const child = spawn(process.execPath, [options.preload, entry, options.app], {
      cwd: FIXTURES,
      env: {
        ...environment,
        OPENAI_BASE_URL: `${openai.url}/v1`,
        OPENAI_API_KEY: 'sk-test',
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_SERVICE_NAME: options.serviceName,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (options.signal !== undefined && /^ready$/m.test(stdout)) {
        child.kill(options.signal);
        options = { ...options, signal: undefined };
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // An app left hanging (say, a signal swallowed) fails its test instead of stalling the suite.
    const hung = setTimeout(() => child.kill('SIGKILL'), APP_TIMEOUT_MS);
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    clearTimeout(hung);
    return { code, signal, stdout, stderr };
  }

  async function generateSpans(serviceName: string): Promise<GenerateRow[]> {
    const result = await collector.sql.query({
      query: `SELECT ServiceName, Stage, OperationName, Provider, RequestModel, InputTokens, OutputTokens, StatusCode
              FROM otel.genai_spans WHERE ServiceName = {serviceName:String} ORDER BY Timestamp`,
      query_params: { serviceName },
      format: 'JSONEachRow',
    });
    return result.json<GenerateRow>();
  }

  /** Both of the app's calls (one plain, one streamed with usage) as generate spans with tokens. */
  async function assertTwoGenerateSpans(serviceName: string): Promise<void> {
    const rows = await generateSpans(serviceName);
    assert.equal(rows.length, 2, JSON.stringify(rows));
    for (const row of rows) {
      assert.equal(row.ServiceName, serviceName);
      assert.equal(row.Stage, 'generate');
      assert.equal(row.OperationName, 'chat');
      assert.equal(row.Provider, 'openai');
      assert.equal(row.RequestModel, 'gpt-4o-mini');
      assert.ok(Number(row.InputTokens) > 0, `input tokens: ${row.InputTokens}`);
      assert.ok(Number(row.OutputTokens) > 0, `output tokens: ${row.OutputTokens}`);
      assert.notEqual(row.StatusCode, 'Error');
    }
  }

  /** The app's own output, unchanged by the instrumentation: both replies came back. */
  function assertAppAnswered(run: AppRun): void {
    const line = run.stdout.split('\n').find((text) => text.startsWith('{'));
    assert.ok(line, `app output: ${run.stdout}\nstderr: ${run.stderr}`);
    const { reply, streamed } = JSON.parse(line) as { reply: string; streamed: string };
    assert.ok(reply.length > 0 && streamed.length > 0, line);
  }

  it('traces an ESM app: both openai calls land in genai_spans with tokens', async () => {
    const run = await runApp({ preload: '--import', app: 'esm-app.mjs', serviceName: 'register-esm' });
    assert.equal(run.code, 0, run.stderr);
    assertAppAnswered(run);
    assert.doesNotMatch(run.stderr, DEPRECATION_NOTICE);
    await assertTwoGenerateSpans('register-esm');
  });

  it('traces a CommonJS app started with --import', async () => {
    const run = await runApp({ preload: '--import', app: 'cjs-app.cjs', serviceName: 'register-cjs-import' });
    assert.equal(run.code, 0, run.stderr);
    assertAppAnswered(run);
    await assertTwoGenerateSpans('register-cjs-import');
  });

  it('traces a CommonJS app started with --require', async () => {
    const run = await runApp({
      preload: '--require',
      app: 'cjs-app.cjs',
      serviceName: 'register-cjs-require',
    });
    assert.equal(run.code, 0, run.stderr);
    assertAppAnswered(run);
    await assertTwoGenerateSpans('register-cjs-require');
  });

  it('flushes on SIGTERM, then lets the signal end the app that has no handler of its own', async () => {
    const run = await runApp({
      preload: '--import',
      app: 'esm-app.mjs',
      serviceName: 'register-sigterm-default',
      env: { FIXTURE_AWAIT_SIGNAL: '1' },
      signal: 'SIGTERM',
    });
    assert.equal(run.signal, 'SIGTERM', `exit code ${run.code}: ${run.stderr}`);
    await assertTwoGenerateSpans('register-sigterm-default');
  });

  it("flushes on SIGTERM and leaves the shutdown to the app's own handler", async () => {
    const run = await runApp({
      preload: '--import',
      app: 'esm-app.mjs',
      serviceName: 'register-sigterm-app-handler',
      env: { FIXTURE_AWAIT_SIGNAL: '1', FIXTURE_OWN_SIGTERM_HANDLER: '1' },
      signal: 'SIGTERM',
    });
    assert.equal(run.signal, null);
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stdout, /app: graceful shutdown/);
    await assertTwoGenerateSpans('register-sigterm-app-handler');
  });

  it('enables only the instrumentations RAGTRACE_INSTRUMENTATIONS names, and warns of unknown names', async () => {
    const run = await runApp({
      preload: '--import',
      app: 'esm-app.mjs',
      serviceName: 'register-subset',
      env: { RAGTRACE_INSTRUMENTATIONS: 'anthropic,opeanai' },
    });
    assert.equal(run.code, 0, run.stderr);
    assertAppAnswered(run);
    assert.match(run.stderr, /RAGTRACE_INSTRUMENTATIONS='anthropic,opeanai': unknown name 'opeanai' ignored/);
    assert.match(
      run.stderr,
      /'openai', 'anthropic', 'cohere', 'langchain', 'qdrant', 'chromadb', 'pinecone', 'none'/,
    );
    assert.deepEqual(await generateSpans('register-subset'), []);
  });

  describe('@ragtrace/sdk/register, the deprecated alias', () => {
    for (const [preload, app] of [
      ['--import', 'esm-app.mjs'],
      ['--require', 'cjs-app.cjs'],
    ] as const) {
      it(`sets up the same tracing with ${preload}, after one line of deprecation notice`, async () => {
        const serviceName = `register-alias${preload.replace('--', '-')}`;
        const run = await runApp({ preload, entry: SDK_REGISTER, app, serviceName });
        assert.equal(run.code, 0, run.stderr);
        assertAppAnswered(run);
        assert.match(run.stderr, DEPRECATION_NOTICE);
        assert.equal(run.stderr.match(/deprecated/g)?.length, 1, run.stderr);
        await assertTwoGenerateSpans(serviceName);
      });
    }

    it('keeps quiet under --no-deprecation', async () => {
      const run = await runApp({
        preload: '--import',
        entry: SDK_REGISTER,
        app: 'esm-app.mjs',
        serviceName: 'register-alias-quiet',
        env: { NODE_OPTIONS: '--no-deprecation' },
      });
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotMatch(run.stderr, DEPRECATION_NOTICE);
      await assertTwoGenerateSpans('register-alias-quiet');
    });
  });
});
