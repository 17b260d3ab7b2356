import { main } from '@ragtrace/collector';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { assertExported, exportSpans } from '../support/export-spans.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

interface ApiError {
  error: { code: string; message: string };
}

const VALID_PRICE = {
  provider: 'acme',
  modelPattern: 'acme-chat-.*',
  inputPerToken: 1e-6,
  outputPerToken: 2e-6,
};

describe('model prices: JSON API and ragtrace prices', () => {
  let collector: TestCollector;
  let env: NodeJS.ProcessEnv;

  const cli = async (...argv: string[]): Promise<CliRun> => {
    let stdout = '';
    let stderr = '';
    const code = await main(['prices', ...argv], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      env,
    });
    return { code, stdout, stderr };
  };

  const api = (method: string, query = '', body?: unknown) =>
    fetch(`${collector.url}/api/prices${query}`, {
      method,
      ...(body === undefined
        ? {}
        : {
            body: typeof body === 'string' ? body : JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          }),
    });

  /** Sends one chat span for `model` through the collector and returns its stored CostUsd. */
  const costOfChat = async (model: string, usage: { input: number; output: number; cached: number }) => {
    const memory = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'prices-e2e' }),
      spanProcessors: [new SimpleSpanProcessor(memory)],
    });
    const span = provider.getTracer('prices-test').startSpan(`chat ${model}`, {
      attributes: {
        [ATTR_GEN_AI_OPERATION_NAME]: 'chat',
        [ATTR_GEN_AI_REQUEST_MODEL]: model,
        [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: usage.input,
        [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: usage.output,
        [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: usage.cached,
      },
    });
    span.end();
    const spans = memory.getFinishedSpans();
    await provider.shutdown();
    assertExported(await exportSpans(collector.url, spans, 'json', false));
    const result = await collector.sql.query({
      query: 'SELECT CostUsd FROM otel.genai_spans WHERE SpanId = {id:String}',
      query_params: { id: span.spanContext().spanId },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ CostUsd: number | null }>();
    assert.ok(row, 'the span has a genai_spans row');
    return row.CostUsd;
  };

  before(async () => {
    collector = await startTestCollector();
    env = { RAGTRACE_PORT: new URL(collector.url).port };
  });
  after(() => collector.stop());

  it('lists the seeded list prices, filtered by provider or by the model a pattern matches', async () => {
    const response = await api('GET', '?model=GPT-4o-mini-2024-07-18');
    assert.equal(response.status, 200);
    const { prices } = (await response.json()) as { prices: Array<Record<string, unknown>> };
    assert.deepEqual(
      prices.map((price) => [price['provider'], price['modelPattern'], price['validFrom'], price['validTo']]),
      [['openai', String.raw`gpt-4o-mini(-\d{4}-\d{2}-\d{2})?`, '1970-01-01T00:00:00Z', null]],
    );
    assert.ok(Math.abs((prices[0]?.['inputPerToken'] as number) - 0.15e-6) < 1e-15);

    const anthropic = (await (await api('GET', '?provider=anthropic')).json()) as {
      prices: Array<{ provider: string }>;
    };
    assert.ok(anthropic.prices.length >= 5);
    assert.ok(anthropic.prices.every((price) => price.provider === 'anthropic'));
  });

  it('refuses invalid prices with a 400 that names the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ ...VALID_PRICE, provider: '' }, /^provider: expected a non-empty string/],
      [
        { ...VALID_PRICE, modelPattern: 'acme-(chat' },
        /^modelPattern: not a regular expression ClickHouse can match models with \(RE2 and vectorscan\): missing \)/,
      ],
      // Valid in JavaScript, not in ClickHouse's RE2: the engine itself is asked.
      [
        { ...VALID_PRICE, modelPattern: '(?=acme)chat' },
        /^modelPattern: not a regular expression ClickHouse can match models with/,
      ],
      // RE2 takes it, vectorscan (which matches every pattern at once) refuses it as too slow.
      [
        { ...VALID_PRICE, modelPattern: 'acme-x{1000}' },
        /^modelPattern: not a regular expression ClickHouse can match/,
      ],
      [{ ...VALID_PRICE, inputPerToken: -1e-6 }, /^inputPerToken: expected USD per token/],
      [
        { ...VALID_PRICE, outputPerToken: 15 },
        /^outputPerToken: expected USD per token.*\$2\.50 per million/,
      ],
      [{ ...VALID_PRICE, outputPerToken: '2e-6' }, /^outputPerToken: expected USD per token/],
      [
        { ...VALID_PRICE, inputPerMillion: 2.5 },
        /^inputPerMillion: unknown field; accepted: provider, modelPattern/,
      ],
      [{ ...VALID_PRICE, validFrom: '2025-02-30' }, /^validFrom: expected a UTC date YYYY-MM-DD/],
      [
        { ...VALID_PRICE, validFrom: '2025-06-01', validTo: '2025-01-01' },
        /^validTo: must be later than validFrom/,
      ],
      [{ ...VALID_PRICE, priority: 1.5 }, /^priority: expected an integer/],
      [[VALID_PRICE], /^body: expected a JSON object/],
      ['{"provider": ', /^body: not valid JSON/],
    ];
    for (const [body, message] of cases) {
      const response = await api('PUT', '', body);
      assert.equal(response.status, 400, JSON.stringify(body));
      const { error } = (await response.json()) as ApiError;
      assert.equal(error.code, 'INVALID_PARAMETER');
      assert.match(error.message, message);
    }
    const listed = (await (await api('GET', '?provider=acme')).json()) as { prices: unknown[] };
    assert.deepEqual(listed.prices, [], 'nothing refused was stored');
  });

  it('answers 404 for deleting a price that does not exist', async () => {
    const response = await api('DELETE', '?provider=acme&modelPattern=nothing-here');
    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as ApiError).error.code, 'NOT_FOUND');
  });

  it('sets, lists and deletes a price from the CLI, and spans stored in between are costed with it', async () => {
    const set = await cli(
      'set',
      '--provider',
      'acme',
      '--model-pattern',
      'acme-chat-.*',
      '--input',
      '1',
      '--cached-input',
      '0.25',
      '--output',
      '4',
    );
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /^stored:\nPROVIDER +MODEL PATTERN +INPUT\/1M +CACHED\/1M +OUTPUT\/1M/);
    assert.match(set.stdout, /\nacme +acme-chat-\.\* +1 +0\.25 +4 +1970-01-01 +- +0 +user\n$/);

    const list = await cli('list', '--provider', 'acme');
    assert.equal(list.code, 0, list.stderr);
    assert.equal(list.stdout.split('\n').filter(Boolean).length, 2, list.stdout);

    // 8000 uncached × $1 + 2000 cached × $0.25 + 1000 × $4 per million.
    const cost = await costOfChat('acme-chat-large', { input: 10000, output: 1000, cached: 2000 });
    assert.ok(cost !== null && Math.abs(cost - 0.0125) < 1e-12, `CostUsd ${String(cost)}`);

    // Setting the same key again replaces the price rather than adding one.
    assert.equal(
      (
        await cli(
          'set',
          '--provider',
          'acme',
          '--model-pattern',
          'acme-chat-.*',
          '--input',
          '2',
          '--output',
          '4',
        )
      ).code,
      0,
    );
    const json = await cli('list', '--provider', 'acme', '--json');
    const [replaced, ...others] = JSON.parse(json.stdout) as Array<{
      inputPerToken: number;
      cachedInputPerToken: number | null;
    }>;
    assert.deepEqual(others, []);
    assert.deepEqual([replaced?.inputPerToken, replaced?.cachedInputPerToken], [2e-6, null]);

    const deleted = await cli('delete', '--provider', 'acme', '--model-pattern', 'acme-chat-.*');
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(deleted.stdout, 'deleted the acme price for acme-chat-.*\n');
    assert.equal(await costOfChat('acme-chat-large', { input: 10000, output: 1000, cached: 0 }), null);
  });

  it('exits 1 when the collector refuses, 2 for a bad command line or an unreachable collector', async () => {
    const refused = await cli(
      'set',
      '--provider',
      'acme',
      '--model-pattern',
      '(',
      '--input',
      '1',
      '--output',
      '1',
    );
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /^ragtrace prices: modelPattern: not a regular expression ClickHouse can match models with/,
    );

    const missing = await cli('delete', '--provider', 'acme', '--model-pattern', 'nothing-here');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^ragtrace prices: no price for provider "acme"/);

    const badNumber = await cli(
      'set',
      '--provider',
      'acme',
      '--model-pattern',
      'x',
      '--input',
      'cheap',
      '--output',
      '1',
    );
    assert.equal(badNumber.code, 2);
    assert.match(badNumber.stderr, /--input="cheap": expected USD per million tokens/);

    const unknownFlag = await cli('list', '--colour');
    assert.equal(unknownFlag.code, 2);
    assert.match(unknownFlag.stderr, /--colour/);

    const port = await closedPort();
    const unreachable = await cli('list', '--url', `http://127.0.0.1:${port}`);
    assert.equal(unreachable.code, 2);
    assert.equal(
      unreachable.stderr,
      `ragtrace prices: cannot reach the collector at http://127.0.0.1:${port} — is it running? (npm start)\n`,
    );
  });
});
