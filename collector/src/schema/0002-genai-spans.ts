import { MODEL_PRICES_TABLE, patternCompilesSql, SEED_PRICES, SEED_PRICES_AS_OF } from '../pricing/index.js';
import { genaiSpansViewSql } from './genai-spans-view-sql.js';
import type { Migration } from './migration.js';
import { sqlStringLiteral } from '../storage/sql-text.js';

/** Marks seeded rows, so re-running the seed after a crash inserts nothing twice. */
const SEED_SOURCE = `seed:${SEED_PRICES_AS_OF}`;

/**
 * Seeds the list prices once per seed version. Seed rows are valid from the epoch (the best
 * price known for older spans too) and carry an UpdatedAt of their as-of date, so any edit made
 * later through `ragtrace prices` or SQL outranks them in the ReplacingMergeTree.
 */
function seedPricesSql(database: string): string {
  const rows = SEED_PRICES.map((price) =>
    [
      sqlStringLiteral(price.provider),
      sqlStringLiteral(price.modelPattern),
      `${price.input} / 1e6`,
      `${price.output} / 1e6`,
      price.cachedInput === undefined ? 'NULL' : `${price.cachedInput} / 1e6`,
      String(price.priority ?? 0),
    ].join(', '),
  );
  return `INSERT INTO ${database}.${MODEL_PRICES_TABLE}
    (Provider, ModelPattern, InputPerToken, OutputPerToken, CachedInputPerToken, Priority, ValidFrom, Source, UpdatedAt)
SELECT Provider, ModelPattern, InputPerToken, OutputPerToken, CachedInputPerToken, Priority,
    toDateTime(0, 'UTC'), ${sqlStringLiteral(SEED_SOURCE)}, toDateTime64(${sqlStringLiteral(SEED_PRICES_AS_OF)}, 3, 'UTC')
FROM values(
    'Provider String, ModelPattern String, InputPerToken Float64, OutputPerToken Float64, CachedInputPerToken Nullable(Float64), Priority Int32',
    ${rows.map((row) => `(${row})`).join(',\n    ')}
)
WHERE (SELECT count() FROM ${database}.${MODEL_PRICES_TABLE} WHERE Source = ${sqlStringLiteral(SEED_SOURCE)}) = 0`;
}

/**
 * Typed GenAI tables: `genai_model_prices` (editable list prices) and `genai_spans`, one row per
 * GenAI/RAG span, filled by `genai_spans_mv` from otel_traces whichever writer inserted the span.
 */
export const genaiSpansMigration: Migration = {
  version: 2,
  name: 'genai_spans',
  statements: ({ database }) => [
    // Upserts and deletes are new rows: the newest UpdatedAt per (Provider, ModelPattern,
    // ValidFrom) wins, and IsDeleted = 1 tombstones it. Readers use FINAL. The constraint
    // compiles every pattern on its way in, so one the view could not run is refused here, from
    // SQL too, instead of failing every later insert into otel_traces.
    `CREATE TABLE IF NOT EXISTS ${database}.${MODEL_PRICES_TABLE} (
    Provider LowCardinality(String),
    ModelPattern String,
    InputPerToken Float64,
    OutputPerToken Float64,
    CachedInputPerToken Nullable(Float64),
    ValidFrom DateTime('UTC'),
    ValidTo Nullable(DateTime('UTC')),
    Priority Int32 DEFAULT 0,
    Source LowCardinality(String) DEFAULT 'user',
    UpdatedAt DateTime64(3, 'UTC') DEFAULT now64(3),
    IsDeleted UInt8 DEFAULT 0,
    CONSTRAINT model_pattern_compiles CHECK ${patternCompilesSql('ModelPattern')}
) ENGINE = ReplacingMergeTree(UpdatedAt, IsDeleted)
ORDER BY (Provider, ModelPattern, ValidFrom)`,
    seedPricesSql(database),
    // Nullable where "unknown" must differ from 0: CostUsd (no usage or no price),
    // TimeToFirstChunk (not streamed), TopK and DocumentCount (not reported). Token counts are
    // 0 when not reported. Ordered for per-run and per-model queries over time.
    `CREATE TABLE IF NOT EXISTS ${database}.genai_spans (
    Timestamp DateTime64(9) CODEC(Delta(8), ZSTD(1)),
    TraceId String CODEC(ZSTD(1)),
    SpanId String CODEC(ZSTD(1)),
    ParentSpanId String CODEC(ZSTD(1)),
    ServiceName LowCardinality(String) CODEC(ZSTD(1)),
    SpanName LowCardinality(String) CODEC(ZSTD(1)),
    Stage LowCardinality(String) CODEC(ZSTD(1)),
    OperationName LowCardinality(String) CODEC(ZSTD(1)),
    Provider LowCardinality(String) CODEC(ZSTD(1)),
    RequestModel LowCardinality(String) CODEC(ZSTD(1)),
    ResponseModel LowCardinality(String) CODEC(ZSTD(1)),
    InputTokens UInt64 CODEC(T64, ZSTD(1)),
    OutputTokens UInt64 CODEC(T64, ZSTD(1)),
    CacheReadTokens UInt64 CODEC(T64, ZSTD(1)),
    ReasoningTokens UInt64 CODEC(T64, ZSTD(1)),
    CostUsd Nullable(Float64) CODEC(ZSTD(1)),
    CostSource LowCardinality(String) CODEC(ZSTD(1)),
    Duration UInt64 CODEC(T64, ZSTD(1)),
    TimeToFirstChunk Nullable(Float64) CODEC(ZSTD(1)),
    StatusCode LowCardinality(String) CODEC(ZSTD(1)),
    RunId String CODEC(ZSTD(1)),
    ExperimentName LowCardinality(String) CODEC(ZSTD(1)),
    PromptName LowCardinality(String) CODEC(ZSTD(1)),
    PromptVersion LowCardinality(String) CODEC(ZSTD(1)),
    SessionId String CODEC(ZSTD(1)),
    UserId String CODEC(ZSTD(1)),
    DataSourceId LowCardinality(String) CODEC(ZSTD(1)),
    TopK Nullable(UInt32) CODEC(ZSTD(1)),
    DocumentCount Nullable(UInt32) CODEC(ZSTD(1)),
    INDEX idx_trace_id TraceId TYPE bloom_filter(0.001) GRANULARITY 1,
    INDEX idx_session_id SessionId TYPE bloom_filter(0.01) GRANULARITY 1
) ENGINE = MergeTree
PARTITION BY toDate(Timestamp)
ORDER BY (RunId, Stage, RequestModel, toDateTime(Timestamp))
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.genai_spans_mv
TO ${database}.genai_spans
AS ${genaiSpansViewSql(database, 1)}`,
  ],
};
