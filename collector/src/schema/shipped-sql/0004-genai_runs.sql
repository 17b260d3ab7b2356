CREATE TABLE IF NOT EXISTS `otel`.genai_runs (
    RunId String CODEC(ZSTD(1)),
    ExperimentName LowCardinality(String) CODEC(ZSTD(1)),
    RunName String CODEC(ZSTD(1)),
    Params Map(String, String) CODEC(ZSTD(1)),
    Tags Map(String, String) CODEC(ZSTD(1)),
    DatasetName LowCardinality(String) CODEC(ZSTD(1)),
    DatasetVersion String CODEC(ZSTD(1)),
    GitCommit String CODEC(ZSTD(1)),
    ServiceName LowCardinality(String) CODEC(ZSTD(1)),
    StartTime DateTime64(3) CODEC(Delta(8), ZSTD(1)),
    EndTime Nullable(DateTime64(3)) CODEC(ZSTD(1)),
    Status LowCardinality(String) CODEC(ZSTD(1)),
    UpdatedAt DateTime64(3) DEFAULT now64(3) CODEC(ZSTD(1)),
    INDEX idx_experiment ExperimentName TYPE set(0) GRANULARITY 1
) ENGINE = ReplacingMergeTree(UpdatedAt)
ORDER BY RunId
SETTINGS index_granularity = 8192
