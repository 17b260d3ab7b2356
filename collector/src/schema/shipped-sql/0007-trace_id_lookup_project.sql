ALTER TABLE `otel`.otel_traces_trace_id_ts ADD COLUMN IF NOT EXISTS Project LowCardinality(String) CODEC(ZSTD(1))
-- next statement
ALTER TABLE `otel`.otel_traces_trace_id_ts_mv MODIFY QUERY SELECT
    TraceId,
    min(Timestamp) AS Start,
    max(Timestamp) AS End,
    ResourceAttributes['ragtrace.project'] AS Project
FROM `otel`.otel_traces
WHERE TraceId != ''
GROUP BY TraceId, Project
-- next statement
INSERT INTO `otel`.otel_traces_trace_id_ts (TraceId, Start, End, Project)
SELECT TraceId, min(Timestamp), max(Timestamp), ResourceAttributes['ragtrace.project'] AS Project
FROM `otel`.otel_traces
WHERE TraceId != '' AND Project != ''
GROUP BY TraceId, Project
