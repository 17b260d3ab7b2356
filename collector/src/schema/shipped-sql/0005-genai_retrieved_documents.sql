CREATE TABLE IF NOT EXISTS `otel`.genai_retrieved_documents (
    Timestamp DateTime64(9) CODEC(Delta(8), ZSTD(1)),
    TraceId String CODEC(ZSTD(1)),
    SpanId String CODEC(ZSTD(1)),
    ServiceName LowCardinality(String) CODEC(ZSTD(1)),
    Stage LowCardinality(String) CODEC(ZSTD(1)),
    DataSourceId LowCardinality(String) CODEC(ZSTD(1)),
    RunId String CODEC(ZSTD(1)),
    ExperimentName LowCardinality(String) CODEC(ZSTD(1)),
    Rank UInt16 CODEC(ZSTD(1)),
    DocumentId String CODEC(ZSTD(1)),
    Score Nullable(Float64) CODEC(ZSTD(1))
) ENGINE = MergeTree
PARTITION BY toDate(Timestamp)
ORDER BY (DataSourceId, Stage, toDateTime(Timestamp))
SETTINGS index_granularity = 8192
-- next statement
CREATE MATERIALIZED VIEW IF NOT EXISTS `otel`.genai_retrieved_documents_mv
TO `otel`.genai_retrieved_documents
AS SELECT
    Timestamp, TraceId, SpanId, ServiceName, Stage, DataSourceId, RunId, ExperimentName,
    toUInt16(rank) AS Rank,
    ids[rank] AS DocumentId,
    scores[rank] AS Score
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
        JSONExtract(if(Stage = 'rerank', SpanAttributes['ragtrace.rerank.output_scores'], SpanAttributes['ragtrace.retrieval.document_scores']), 'Array(Nullable(Float64))') AS scores
    FROM `otel`.otel_traces
    WHERE Stage IN ('retrieve', 'rerank')
)
ARRAY JOIN arrayEnumerate(ids) AS rank
