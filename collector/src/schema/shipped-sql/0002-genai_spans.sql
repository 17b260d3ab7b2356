CREATE TABLE IF NOT EXISTS `otel`.genai_model_prices (
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
    CONSTRAINT model_pattern_compiles CHECK match('', concat('(?i)^(?:.*/)?(?:', ModelPattern, ')$')) IN (0, 1) AND multiMatchAny(materialize(''), [concat('(?i)^(?:.*/)?(?:', ModelPattern, ')$')]) IN (0, 1)
) ENGINE = ReplacingMergeTree(UpdatedAt, IsDeleted)
ORDER BY (Provider, ModelPattern, ValidFrom)
-- next statement
INSERT INTO `otel`.genai_model_prices
    (Provider, ModelPattern, InputPerToken, OutputPerToken, CachedInputPerToken, Priority, ValidFrom, Source, UpdatedAt)
SELECT Provider, ModelPattern, InputPerToken, OutputPerToken, CachedInputPerToken, Priority,
    toDateTime(0, 'UTC'), 'seed:2025-12-01', toDateTime64('2025-12-01', 3, 'UTC')
FROM values(
    'Provider String, ModelPattern String, InputPerToken Float64, OutputPerToken Float64, CachedInputPerToken Nullable(Float64), Priority Int32',
    ('openai', 'gpt-5(-\\d{4}-\\d{2}-\\d{2})?', 1.25 / 1e6, 10 / 1e6, 0.125 / 1e6, 0),
    ('openai', 'gpt-5\\.1(-\\d{4}-\\d{2}-\\d{2})?', 1.25 / 1e6, 10 / 1e6, 0.125 / 1e6, 0),
    ('openai', 'gpt-5-mini(-\\d{4}-\\d{2}-\\d{2})?', 0.25 / 1e6, 2 / 1e6, 0.025 / 1e6, 0),
    ('openai', 'gpt-5-nano(-\\d{4}-\\d{2}-\\d{2})?', 0.05 / 1e6, 0.4 / 1e6, 0.005 / 1e6, 0),
    ('openai', 'gpt-4\\.1(-\\d{4}-\\d{2}-\\d{2})?', 2 / 1e6, 8 / 1e6, 0.5 / 1e6, 0),
    ('openai', 'gpt-4\\.1-mini(-\\d{4}-\\d{2}-\\d{2})?', 0.4 / 1e6, 1.6 / 1e6, 0.1 / 1e6, 0),
    ('openai', 'gpt-4\\.1-nano(-\\d{4}-\\d{2}-\\d{2})?', 0.1 / 1e6, 0.4 / 1e6, 0.025 / 1e6, 0),
    ('openai', 'gpt-4o(-\\d{4}-\\d{2}-\\d{2})?', 2.5 / 1e6, 10 / 1e6, 1.25 / 1e6, 0),
    ('openai', 'gpt-4o-2024-05-13', 5 / 1e6, 15 / 1e6, NULL, 1),
    ('openai', 'gpt-4o-mini(-\\d{4}-\\d{2}-\\d{2})?', 0.15 / 1e6, 0.6 / 1e6, 0.075 / 1e6, 0),
    ('openai', 'o1(-\\d{4}-\\d{2}-\\d{2})?', 15 / 1e6, 60 / 1e6, 7.5 / 1e6, 0),
    ('openai', 'o3(-\\d{4}-\\d{2}-\\d{2})?', 2 / 1e6, 8 / 1e6, 0.5 / 1e6, 0),
    ('openai', 'o3-mini(-\\d{4}-\\d{2}-\\d{2})?', 1.1 / 1e6, 4.4 / 1e6, 0.55 / 1e6, 0),
    ('openai', 'o4-mini(-\\d{4}-\\d{2}-\\d{2})?', 1.1 / 1e6, 4.4 / 1e6, 0.275 / 1e6, 0),
    ('openai', 'text-embedding-3-small', 0.02 / 1e6, 0 / 1e6, NULL, 0),
    ('openai', 'text-embedding-3-large', 0.13 / 1e6, 0 / 1e6, NULL, 0),
    ('openai', 'text-embedding-ada-002', 0.1 / 1e6, 0 / 1e6, NULL, 0),
    ('anthropic', 'claude-opus-4-5(-\\d{8}|-latest)?', 5 / 1e6, 25 / 1e6, 0.5 / 1e6, 0),
    ('anthropic', 'claude-opus-4-1(-\\d{8}|-latest)?', 15 / 1e6, 75 / 1e6, 1.5 / 1e6, 0),
    ('anthropic', 'claude-opus-4(-0)?(-\\d{8}|-latest)?', 15 / 1e6, 75 / 1e6, 1.5 / 1e6, 0),
    ('anthropic', 'claude-sonnet-4-5(-\\d{8}|-latest)?', 3 / 1e6, 15 / 1e6, 0.3 / 1e6, 0),
    ('anthropic', 'claude-sonnet-4(-0)?(-\\d{8}|-latest)?', 3 / 1e6, 15 / 1e6, 0.3 / 1e6, 0),
    ('anthropic', 'claude-haiku-4-5(-\\d{8}|-latest)?', 1 / 1e6, 5 / 1e6, 0.1 / 1e6, 0),
    ('anthropic', 'claude-3-7-sonnet(-\\d{8}|-latest)?', 3 / 1e6, 15 / 1e6, 0.3 / 1e6, 0),
    ('anthropic', 'claude-3-5-sonnet(-\\d{8}|-latest)?', 3 / 1e6, 15 / 1e6, 0.3 / 1e6, 0),
    ('anthropic', 'claude-3-5-haiku(-\\d{8}|-latest)?', 0.8 / 1e6, 4 / 1e6, 0.08 / 1e6, 0),
    ('anthropic', 'claude-3-opus(-\\d{8}|-latest)?', 15 / 1e6, 75 / 1e6, 1.5 / 1e6, 0),
    ('anthropic', 'claude-3-haiku(-\\d{8}|-latest)?', 0.25 / 1e6, 1.25 / 1e6, 0.03 / 1e6, 0),
    ('gcp.gemini', 'gemini-3-pro(-preview.*)?', 2 / 1e6, 12 / 1e6, 0.2 / 1e6, 0),
    ('gcp.gemini', 'gemini-2\\.5-pro(-preview.*)?', 1.25 / 1e6, 10 / 1e6, 0.125 / 1e6, 0),
    ('gcp.gemini', 'gemini-2\\.5-flash(-preview.*)?', 0.3 / 1e6, 2.5 / 1e6, 0.03 / 1e6, 0),
    ('gcp.gemini', 'gemini-2\\.5-flash-lite(-preview.*)?', 0.1 / 1e6, 0.4 / 1e6, 0.01 / 1e6, 0),
    ('gcp.gemini', 'gemini-2\\.0-flash(-\\d{3})?', 0.1 / 1e6, 0.4 / 1e6, 0.025 / 1e6, 0),
    ('gcp.gemini', 'gemini-2\\.0-flash-lite(-\\d{3})?', 0.075 / 1e6, 0.3 / 1e6, NULL, 0),
    ('gcp.gemini', 'gemini-embedding-001', 0.15 / 1e6, 0 / 1e6, NULL, 0),
    ('mistral_ai', 'mistral-large-(2407|2411)', 2 / 1e6, 6 / 1e6, NULL, 0),
    ('mistral_ai', 'mistral-medium-(2505|2508|latest)', 0.4 / 1e6, 2 / 1e6, NULL, 0),
    ('mistral_ai', 'mistral-small-(2503|2506|latest)', 0.1 / 1e6, 0.3 / 1e6, NULL, 0),
    ('mistral_ai', 'magistral-medium-(\\d{4}|latest)', 2 / 1e6, 5 / 1e6, NULL, 0),
    ('mistral_ai', 'magistral-small-(\\d{4}|latest)', 0.5 / 1e6, 1.5 / 1e6, NULL, 0),
    ('mistral_ai', 'codestral-(\\d{4}|latest)', 0.3 / 1e6, 0.9 / 1e6, NULL, 0),
    ('mistral_ai', 'ministral-8b-(\\d{4}|latest)', 0.1 / 1e6, 0.1 / 1e6, NULL, 0),
    ('mistral_ai', 'ministral-3b-(\\d{4}|latest)', 0.04 / 1e6, 0.04 / 1e6, NULL, 0),
    ('mistral_ai', 'mistral-embed', 0.1 / 1e6, 0 / 1e6, NULL, 0),
    ('cohere', 'command-a-03-2025', 2.5 / 1e6, 10 / 1e6, NULL, 0),
    ('cohere', 'command-r-plus(-08-2024)?', 2.5 / 1e6, 10 / 1e6, NULL, 0),
    ('cohere', 'command-r(-08-2024)?', 0.15 / 1e6, 0.6 / 1e6, NULL, 0),
    ('cohere', 'command-r7b-12-2024', 0.0375 / 1e6, 0.15 / 1e6, NULL, 0),
    ('cohere', 'embed-v4\\.0', 0.12 / 1e6, 0 / 1e6, NULL, 0),
    ('cohere', 'embed-(english|multilingual)(-light)?-v3\\.0', 0.1 / 1e6, 0 / 1e6, NULL, 0)
)
WHERE (SELECT count() FROM `otel`.genai_model_prices WHERE Source = 'seed:2025-12-01') = 0
-- next statement
CREATE TABLE IF NOT EXISTS `otel`.genai_spans (
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
SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1
-- next statement
CREATE MATERIALIZED VIEW IF NOT EXISTS `otel`.genai_spans_mv
TO `otel`.genai_spans
AS WITH
    (
    SELECT (arrayMap(p -> p.1, ranked), arrayMap(p -> p.2, ranked))
    FROM (
        SELECT arrayReverseSort(p -> p.3, groupArray((
            concat('(?i)^(?:.*/)?(?:', ModelPattern, ')$'),
            CAST((Provider, InputPerToken, OutputPerToken, ifNull(CachedInputPerToken, InputPerToken), ValidFrom, ValidTo)
                AS Tuple(provider String, input Float64, output Float64, cached Float64, valid_from DateTime('UTC'), valid_to Nullable(DateTime('UTC')))),
            (Priority, ValidFrom, length(ModelPattern), ModelPattern)
        ))) AS ranked
        FROM `otel`.genai_model_prices FINAL
        WHERE IsDeleted = 0
    )
) AS ranked_prices,
    if(ResponseModel != '', ResponseModel, RequestModel) AS price_model,
    toFloat64OrNull(SpanAttributes['ragtrace.usage.cost_usd']) AS reported_cost,
    -- Only spans with usage are priced, which keeps regex matching off every other span.
    if(InputTokens + OutputTokens > 0 AND price_model != '', arrayFilter(
        p -> Timestamp >= p.valid_from AND (isNull(p.valid_to) OR Timestamp < p.valid_to),
        arrayMap(i -> ranked_prices.2[i], arraySort(multiMatchAllIndices(price_model, ranked_prices.1)))), []) AS matching_prices,
    arrayConcat(arrayFilter(p -> p.provider = Provider, matching_prices), matching_prices)[1] AS price
SELECT
    Timestamp,
    TraceId,
    SpanId,
    ParentSpanId,
    ServiceName,
    SpanName,
    if(SpanAttributes['ragtrace.stage'] IN ['embed', 'retrieve', 'rerank', 'generate', 'tool', 'agent', 'workflow', 'other'],
        SpanAttributes['ragtrace.stage'],
        transform(SpanAttributes['gen_ai.operation.name'], ['chat', 'text_completion', 'generate_content', 'embeddings', 'retrieval', 'rerank', 'execute_tool', 'invoke_agent', 'create_agent', 'invoke_workflow'], ['generate', 'generate', 'generate', 'embed', 'retrieve', 'rerank', 'tool', 'agent', 'agent', 'workflow'], 'other')) AS Stage,
    SpanAttributes['gen_ai.operation.name'] AS OperationName,
    SpanAttributes['gen_ai.provider.name'] AS Provider,
    SpanAttributes['gen_ai.request.model'] AS RequestModel,
    SpanAttributes['gen_ai.response.model'] AS ResponseModel,
    toUInt64OrZero(SpanAttributes['gen_ai.usage.input_tokens']) AS InputTokens,
    toUInt64OrZero(SpanAttributes['gen_ai.usage.output_tokens']) AS OutputTokens,
    toUInt64OrZero(SpanAttributes['gen_ai.usage.cache_read.input_tokens']) AS CacheReadTokens,
    toUInt64OrZero(SpanAttributes['gen_ai.usage.reasoning.output_tokens']) AS ReasoningTokens,
    multiIf(isNotNull(reported_cost), reported_cost, notEmpty(matching_prices), (InputTokens - least(CacheReadTokens, InputTokens)) * price.input + least(CacheReadTokens, InputTokens) * price.cached + OutputTokens * price.output, NULL) AS CostUsd,
    multiIf(isNotNull(reported_cost), 'reported',
        notEmpty(matching_prices), 'price_table',
        '') AS CostSource,
    Duration,
    toFloat64OrNull(SpanAttributes['ragtrace.response.time_to_first_chunk']) AS TimeToFirstChunk,
    StatusCode,
    SpanAttributes['ragtrace.run.id'] AS RunId,
    SpanAttributes['ragtrace.experiment.name'] AS ExperimentName,
    SpanAttributes['gen_ai.prompt.name'] AS PromptName,
    SpanAttributes['ragtrace.prompt.version'] AS PromptVersion,
    if(SpanAttributes['gen_ai.conversation.id'] != '', SpanAttributes['gen_ai.conversation.id'], SpanAttributes['session.id']) AS SessionId,
    SpanAttributes['user.id'] AS UserId,
    SpanAttributes['gen_ai.data_source.id'] AS DataSourceId,
    toUInt32OrNull(SpanAttributes['gen_ai.request.top_k']) AS TopK,
    -- A rerank reports the documents it kept as a JSON array of ids.
    ifNull(toUInt32OrNull(SpanAttributes['ragtrace.retrieval.document_count']),
        if(SpanAttributes['ragtrace.rerank.output_ids'] != '', toUInt32(length(JSONExtractArrayRaw(SpanAttributes['ragtrace.rerank.output_ids']))), NULL)) AS DocumentCount
FROM `otel`.otel_traces
WHERE Stage != 'other' OR OperationName != ''
