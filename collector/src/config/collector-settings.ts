import { integerSetting, optionalStringSetting, stringSetting, urlSetting } from './settings.js';

const HOST_PATTERN = /^[A-Za-z0-9.:[\]-]+$/;
const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Every collector setting (DESIGN.md §3); each env variable has a mirroring flag. */
export const COLLECTOR_SETTINGS = {
  host: stringSetting(
    'RAGTRACE_HOST',
    '--host',
    'listen address',
    '127.0.0.1',
    HOST_PATTERN,
    'a host name or IP address such as 127.0.0.1 or 0.0.0.0',
  ),
  port: integerSetting('RAGTRACE_PORT', '--port', 'listen port (OTLP/HTTP standard port)', 4318, 0, 65535),
  dataDir: stringSetting(
    'RAGTRACE_DATA_DIR',
    '--data-dir',
    'embedded storage and local spool',
    '.ragtrace/data',
    /^.+$/,
    'a non-empty directory path',
  ),
  clickhouseUrl: urlSetting(
    'RAGTRACE_CLICKHOUSE_URL',
    '--clickhouse-url',
    'use this ClickHouse server instead of embedded storage',
  ),
  clickhouseCluster: optionalStringSetting(
    'RAGTRACE_CLICKHOUSE_CLUSTER',
    '--clickhouse-cluster',
    'ClickHouse cluster (remote_servers) to create the schema on: ON CLUSTER DDL, Replicated and Distributed tables',
    IDENTIFIER_PATTERN,
    'a cluster name from the server remote_servers config (letters, digits, underscore)',
  ),
  database: stringSetting(
    'RAGTRACE_DATABASE',
    '--database',
    'ClickHouse database',
    'otel',
    IDENTIFIER_PATTERN,
    'a ClickHouse identifier (letters, digits, underscore; not starting with a digit)',
  ),
  maxBodyBytes: integerSetting(
    'RAGTRACE_MAX_BODY_BYTES',
    '--max-body-bytes',
    'largest OTLP request body accepted, measured after decompression',
    16 * 1024 * 1024,
    1024,
    1024 * 1024 * 1024,
  ),
  batchMaxRows: integerSetting(
    'RAGTRACE_BATCH_MAX_ROWS',
    '--batch-max-rows',
    'rows that trigger an insert at once',
    20_000,
    1,
    1_000_000,
  ),
  batchMaxDelayMs: integerSetting(
    'RAGTRACE_BATCH_MAX_DELAY_MS',
    '--batch-max-delay-ms',
    'longest a row waits for its insert (ClickHouse advises about one insert per second)',
    1000,
    0,
    60_000,
  ),
  maxQueuedRows: integerSetting(
    'RAGTRACE_MAX_QUEUED_ROWS',
    '--max-queued-rows',
    'rows waiting for storage before new requests get 503 + Retry-After',
    200_000,
    1,
    10_000_000,
  ),
} as const;
