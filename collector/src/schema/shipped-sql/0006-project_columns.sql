ALTER TABLE `otel`.genai_spans ADD COLUMN IF NOT EXISTS Project LowCardinality(String) CODEC(ZSTD(1))
-- next statement
ALTER TABLE `otel`.genai_spans_mv MODIFY QUERY WITH
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
        if(SpanAttributes['ragtrace.rerank.output_ids'] != '', toUInt32(length(JSONExtractArrayRaw(SpanAttributes['ragtrace.rerank.output_ids']))), NULL)) AS DocumentCount,
    ResourceAttributes['ragtrace.project'] AS Project
FROM `otel`.otel_traces
WHERE Stage != 'other' OR OperationName != ''
-- next statement
ALTER TABLE `otel`.genai_scores ADD COLUMN IF NOT EXISTS Project LowCardinality(String) CODEC(ZSTD(1))
-- next statement
ALTER TABLE `otel`.genai_scores_mv MODIFY QUERY SELECT
    Timestamp,
    TraceId,
    SpanId,
    LogAttributes['ragtrace.run.id'] AS RunId,
    LogAttributes['gen_ai.evaluation.name'] AS Name,
    toFloat64OrNull(LogAttributes['gen_ai.evaluation.score.value']) AS Value,
    LogAttributes['gen_ai.evaluation.score.label'] AS Label,
    if(LogAttributes['ragtrace.evaluation.source'] IN ('human', 'llm', 'code'), LogAttributes['ragtrace.evaluation.source'], '') AS Source,
    LogAttributes['gen_ai.evaluation.explanation'] AS Explanation,
    ResourceAttributes['ragtrace.project'] AS Project
FROM `otel`.otel_logs
WHERE EventName = 'gen_ai.evaluation.result'
    OR (EventName = '' AND LogAttributes['event.name'] = 'gen_ai.evaluation.result')
-- next statement
ALTER TABLE `otel`.genai_retrieved_documents ADD COLUMN IF NOT EXISTS Project LowCardinality(String) CODEC(ZSTD(1))
-- next statement
ALTER TABLE `otel`.genai_retrieved_documents_mv MODIFY QUERY SELECT
    Timestamp, TraceId, SpanId, ServiceName, Stage, DataSourceId, RunId, ExperimentName,
    toUInt16(rank) AS Rank,
    ids[rank] AS DocumentId,
    scores[rank] AS Score,
    Project
FROM (
    SELECT
        Timestamp, TraceId, SpanId, ServiceName,
        if(SpanAttributes['ragtrace.stage'] IN ['embed', 'retrieve', 'rerank', 'generate', 'tool', 'agent', 'workflow', 'other'],
        SpanAttributes['ragtrace.stage'],
        transform(SpanAttributes['gen_ai.operation.name'], ['chat', 'text_completion', 'generate_content', 'embeddings', 'retrieval', 'rerank', 'execute_tool', 'invoke_agent', 'create_agent', 'invoke_workflow'], ['generate', 'generate', 'generate', 'embed', 'retrieve', 'rerank', 'tool', 'agent', 'agent', 'workflow'], 'other')) AS Stage,
        SpanAttributes['gen_ai.data_source.id'] AS DataSourceId,
        SpanAttributes['ragtrace.run.id'] AS RunId,
        SpanAttributes['ragtrace.experiment.name'] AS ExperimentName,
        JSONExtract(if(Stage = 'rerank', SpanAttributes['ragtrace.rerank.output_ids'], SpanAttributes['ragtrace.retrieval.document_ids']), 'Array(String)') AS ids,
        JSONExtract(if(Stage = 'rerank', SpanAttributes['ragtrace.rerank.output_scores'], SpanAttributes['ragtrace.retrieval.document_scores']), 'Array(Nullable(Float64))') AS scores,
        ResourceAttributes['ragtrace.project'] AS Project
    FROM `otel`.otel_traces
    WHERE Stage IN ('retrieve', 'rerank')
)
ARRAY JOIN arrayEnumerate(ids) AS rank
-- next statement
ALTER TABLE `otel`.genai_runs ADD COLUMN IF NOT EXISTS Project LowCardinality(String) AFTER RunId, MODIFY ORDER BY (RunId, Project)
