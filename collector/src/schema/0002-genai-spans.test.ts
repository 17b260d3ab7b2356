import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_RAGTRACE_STAGE,
  ATTR_RAGTRACE_USAGE_COST_USD,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PriceStore, SEED_PRICES } from '../pricing/index.js';
import type { ClickHouseStorage } from '../storage/clickhouse-storage.js';
import { openStorage } from '../storage/open-storage.js';
import { genaiSpansMigration } from './0002-genai-spans.js';
import { runMigrations } from './run-migrations.js';

interface GenaiRow {
  SpanId: string;
  Stage: string;
  CostUsd: number | null;
  CostSource: string;
}

interface TestSpan {
  attributes: Record<string, string>;
  timestamp?: string;
}

const JAN_2025_NS = '1735689600000000000';
let nextSpan = 0;

/**
 * Inserts spans straight into otel_traces, as another writer (the OTel Collector's ClickHouse
 * exporter) would, and returns their genai_spans rows by span id.
 */
async function insertSpans(storage: ClickHouseStorage, spans: TestSpan[]): Promise<GenaiRow[]> {
  const ids = spans.map(() => (++nextSpan).toString(16).padStart(16, '0'));
  await storage.insertRows(
    'otel_traces',
    spans.map((span, index) => ({
      Timestamp: span.timestamp ?? JAN_2025_NS,
      TraceId: 'ab'.repeat(16),
      SpanId: ids[index],
      Duration: '1000',
      SpanAttributes: span.attributes,
    })),
  );
  const rows = await storage.queryRows<GenaiRow>(
    'SELECT SpanId, Stage, CostUsd, CostSource FROM otel.genai_spans WHERE SpanId IN {ids:Array(String)}',
    { ids },
  );
  return ids.map((id) => rows.find((row) => row.SpanId === id) ?? ({ SpanId: id } as GenaiRow));
}

function chat(
  model: string,
  usage: { input: number; output: number; cached?: number },
  provider = '',
): TestSpan {
  return {
    attributes: {
      [ATTR_GEN_AI_OPERATION_NAME]: 'chat',
      [ATTR_GEN_AI_REQUEST_MODEL]: model,
      [ATTR_GEN_AI_PROVIDER_NAME]: provider,
      [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: String(usage.input),
      [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: String(usage.output),
      [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: String(usage.cached ?? 0),
    },
  };
}

/** Exact to a billionth of a dollar: float sums of a few products, nothing coarser. */
function assertCost(actual: number | null, expected: number, what: string): void {
  assert.ok(actual !== null, `${what}: no cost`);
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);
}

describe('genai_spans migration on embedded storage', () => {
  let dir: string;
  let storage: ClickHouseStorage;
  let prices: PriceStore;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ragtrace-genai-spans-'));
    storage = await openStorage({ kind: 'embedded', dataDir: dir, database: 'otel' });
    await runMigrations(storage);
    prices = new PriceStore(storage);
  });
  after(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is idempotent: re-running its statements changes nothing and seeds the prices once', async () => {
    for (const statement of genaiSpansMigration.statements({ database: '`otel`' })) {
      await storage.command(statement);
    }
    const [counts] = await storage.queryRows<{ rows: string; keys: string }>(
      `SELECT count() AS rows, uniqExact(Provider, ModelPattern, ValidFrom) AS keys
       FROM otel.genai_model_prices`,
    );
    assert.equal(Number(counts?.rows), SEED_PRICES.length);
    assert.equal(Number(counts?.keys), SEED_PRICES.length);
  });

  it('refuses a pattern RE2 cannot compile even from SQL, so priced spans keep being stored', async () => {
    await assert.rejects(
      storage.insertRows('genai_model_prices', [
        {
          Provider: 'acme',
          ModelPattern: 'acme-(chat',
          InputPerToken: 1e-6,
          OutputPerToken: 1e-6,
          ValidFrom: 0,
        },
      ]),
      /cannot compile re2/,
    );
    const [priced] = await insertSpans(storage, [chat('acme-chat', { input: 10, output: 10 })]);
    assert.equal(priced?.Stage, 'generate');
  });

  it('has the columns dashboards and APIs read', async () => {
    const columns = await storage.queryRows<{ name: string; type: string }>(
      "SELECT name, type FROM system.columns WHERE database = 'otel' AND table = 'genai_spans'",
    );
    const types = new Map(columns.map((column) => [column.name, column.type]));
    for (const [name, type] of Object.entries({
      Timestamp: 'DateTime64(9)',
      TraceId: 'String',
      SpanId: 'String',
      ParentSpanId: 'String',
      ServiceName: 'LowCardinality(String)',
      Stage: 'LowCardinality(String)',
      OperationName: 'LowCardinality(String)',
      Provider: 'LowCardinality(String)',
      RequestModel: 'LowCardinality(String)',
      ResponseModel: 'LowCardinality(String)',
      InputTokens: 'UInt64',
      OutputTokens: 'UInt64',
      CacheReadTokens: 'UInt64',
      ReasoningTokens: 'UInt64',
      CostUsd: 'Nullable(Float64)',
      Duration: 'UInt64',
      TimeToFirstChunk: 'Nullable(Float64)',
      StatusCode: 'LowCardinality(String)',
      RunId: 'String',
      ExperimentName: 'LowCardinality(String)',
      PromptName: 'LowCardinality(String)',
      PromptVersion: 'LowCardinality(String)',
      SessionId: 'String',
      UserId: 'String',
      DataSourceId: 'LowCardinality(String)',
      TopK: 'Nullable(UInt32)',
      DocumentCount: 'Nullable(UInt32)',
    })) {
      assert.equal(types.get(name), type, name);
    }
  });

  it('derives the stage from gen_ai.operation.name when ragtrace.stage is absent, and skips non-GenAI spans', async () => {
    const cases: Array<[Record<string, string>, string | undefined]> = [
      [{ [ATTR_GEN_AI_OPERATION_NAME]: 'chat' }, 'generate'],
      [{ [ATTR_GEN_AI_OPERATION_NAME]: 'text_completion' }, 'generate'],
      [{ [ATTR_GEN_AI_OPERATION_NAME]: 'generate_content' }, 'generate'],
      [{ [ATTR_GEN_AI_OPERATION_NAME]: 'embeddings' }, 'embed'],
      [{ [ATTR_GEN_AI_OPERATION_NAME]: 'retrieval' }, 'retrieve'],
      [{ [ATTR_GEN_AI_OPERATION_NAME]: 'rerank' }, 'rerank'],
      [{ [ATTR_GEN_AI_OPERATION_NAME]: 'execute_tool' }, 'tool'],
      [{ [ATTR_GEN_AI_OPERATION_NAME]: 'invoke_agent' }, 'agent'],
      [{ [ATTR_GEN_AI_OPERATION_NAME]: 'create_agent' }, 'agent'],
      [{ [ATTR_GEN_AI_OPERATION_NAME]: 'invoke_workflow' }, 'workflow'],
      [{ [ATTR_GEN_AI_OPERATION_NAME]: 'something_new' }, 'other'],
      // An explicit stage wins over the operation; an unknown one does not count as a stage.
      [{ [ATTR_RAGTRACE_STAGE]: 'retrieve', [ATTR_GEN_AI_OPERATION_NAME]: 'execute_tool' }, 'retrieve'],
      [{ [ATTR_RAGTRACE_STAGE]: 'bogus', [ATTR_GEN_AI_OPERATION_NAME]: 'chat' }, 'generate'],
      [{ [ATTR_RAGTRACE_STAGE]: 'workflow' }, 'workflow'],
      [{ 'http.request.method': 'GET' }, undefined],
      [{ [ATTR_RAGTRACE_STAGE]: 'other' }, undefined],
      [{ [ATTR_RAGTRACE_STAGE]: 'bogus' }, undefined],
    ];
    const rows = await insertSpans(
      storage,
      cases.map(([attributes]) => ({ attributes })),
    );
    for (const [index, [attributes, stage]] of cases.entries()) {
      assert.equal(rows[index]?.Stage, stage, JSON.stringify(attributes));
    }
  });

  it('computes CostUsd from the seeded list prices, to the billionth of a dollar', async () => {
    const cases: Array<[TestSpan, number, string]> = [
      // 800 uncached × $2.50 + 200 cached × $1.25 + 500 × $10 per million (response model decides).
      [
        {
          attributes: {
            ...chat('gpt-4o', { input: 1000, output: 500, cached: 200 }, 'openai').attributes,
            [ATTR_GEN_AI_RESPONSE_MODEL]: 'gpt-4o-2024-08-06',
          },
        },
        0.00725,
        'gpt-4o snapshot',
      ],
      // The launch snapshot's own price outranks gpt-4o's pattern (priority 1): $5 / $15.
      [chat('gpt-4o-2024-05-13', { input: 1000, output: 1000 }), 0.02, 'gpt-4o-2024-05-13'],
      // A gateway prefix and odd case still match: 12000 × $3 + 800 × $15.
      [chat('anthropic/Claude-Sonnet-4-20250514', { input: 12000, output: 800 }), 0.048, 'claude sonnet 4'],
      // 60000 × $0.30 + 40000 cached × $0.03 + 2000 × $2.50.
      [
        chat('models/gemini-2.5-flash', { input: 100000, output: 2000, cached: 40000 }),
        0.0242,
        'gemini flash',
      ],
      [chat('text-embedding-3-small', { input: 1_000_000, output: 0 }), 0.02, 'embedding'],
      [chat('mistral-small-latest', { input: 10000, output: 1000 }), 0.0013, 'mistral small'],
      [chat('command-r-08-2024', { input: 2000, output: 500 }), 0.0006, 'command-r'],
    ];
    const rows = await insertSpans(
      storage,
      cases.map(([span]) => span),
    );
    for (const [index, [, expected, what]] of cases.entries()) {
      assertCost(rows[index]?.CostUsd ?? null, expected, what);
      assert.equal(rows[index]?.CostSource, 'price_table', what);
    }
  });

  it('lets a reported cost win, and leaves CostUsd null without usage or a matching price', async () => {
    const reported = chat('gpt-4o', { input: 1000, output: 500 });
    reported.attributes[ATTR_RAGTRACE_USAGE_COST_USD] = '0.5';
    const [won, unpriced, unused] = await insertSpans(storage, [
      reported,
      chat('my-local-llama', { input: 1000, output: 500 }),
      chat('gpt-4o', { input: 0, output: 0 }),
    ]);
    assert.equal(won?.CostUsd, 0.5);
    assert.equal(won?.CostSource, 'reported');
    assert.equal(unpriced?.CostUsd, null);
    assert.equal(unpriced?.CostSource, '');
    assert.equal(unused?.CostUsd, null);
  });

  it('prefers the span provider’s own price, honours validity dates and priority, and applies edits to later spans', async () => {
    await prices.upsert({
      provider: 'azure.ai.openai',
      modelPattern: 'gpt-4o',
      inputPerToken: 3e-6,
      outputPerToken: 12e-6,
      cachedInputPerToken: null,
      validFromSeconds: 0,
      validToSeconds: null,
      priority: 0,
    });
    // A price change from 2026 on the seeded pattern: earlier spans keep the old price.
    await prices.upsert({
      provider: 'openai',
      modelPattern: String.raw`gpt-4o(-\d{4}-\d{2}-\d{2})?`,
      inputPerToken: 2e-6,
      outputPerToken: 8e-6,
      cachedInputPerToken: 1e-6,
      validFromSeconds: Date.UTC(2026, 0, 1) / 1000,
      validToSeconds: null,
      priority: 0,
    });
    const feb2026 = String(BigInt(Date.UTC(2026, 1, 1)) * 1_000_000n);
    const [azure, openai2025, openai2026] = await insertSpans(storage, [
      chat('gpt-4o', { input: 1000, output: 1000 }, 'azure.ai.openai'),
      chat('gpt-4o', { input: 1000, output: 1000 }, 'openai'),
      { ...chat('gpt-4o', { input: 1000, output: 1000 }, 'openai'), timestamp: feb2026 },
    ]);
    assertCost(azure?.CostUsd ?? null, 0.015, 'azure listing');
    assertCost(openai2025?.CostUsd ?? null, 0.0125, 'list price before the change');
    assertCost(openai2026?.CostUsd ?? null, 0.01, 'list price after the change');

    const override = {
      provider: 'openai',
      modelPattern: 'gpt-4o.*',
      inputPerToken: 1e-6,
      outputPerToken: 1e-6,
      cachedInputPerToken: null,
      validFromSeconds: 0,
      validToSeconds: null,
      priority: 10,
    };
    await prices.upsert(override);
    const [overridden] = await insertSpans(storage, [chat('gpt-4o-mini', { input: 1000, output: 1000 })]);
    assertCost(overridden?.CostUsd ?? null, 0.002, 'priority 10 override');

    assert.equal(await prices.delete(override), true);
    assert.equal(await prices.delete(override), false, 'a deleted price is gone');
    const [restored] = await insertSpans(storage, [chat('gpt-4o-mini', { input: 1000, output: 1000 })]);
    assertCost(restored?.CostUsd ?? null, 0.00075, 'seed price again after the delete');
    const [stored] = await storage.queryRows<{ CostUsd: number }>(
      'SELECT CostUsd FROM otel.genai_spans WHERE SpanId = {id:String}',
      { id: overridden?.SpanId },
    );
    assertCost(stored?.CostUsd ?? null, 0.002, 'spans stored before an edit keep their cost');
  });
});
