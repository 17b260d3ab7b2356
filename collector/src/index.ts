/** @ragtrace/collector: the OTLP/HTTP collector, its configuration and its storage. */
export { startCollector } from './server/start-collector.js';
export type { RunningCollector, StartOptions } from './server/start-collector.js';
export { createLogger } from './logging/logger.js';
export type { Logger, LogFields, LogFormat, LogLevel } from './logging/logger.js';
export { loadCollectorConfig } from './config/collector-config.js';
export type { CollectorConfig } from './config/collector-config.js';
export { COLLECTOR_SETTINGS } from './config/collector-settings.js';
export { ConfigError } from './config/config-error.js';
export { openStorage } from './storage/open-storage.js';
export type { StorageTarget } from './storage/open-storage.js';
export type { Storage, StorageKind, RawQueryParams, RawQueryResult } from './storage/storage.js';
export type { ErrorCode } from './errors/error-code.js';
export { StorageUnavailableError } from './storage/storage-errors.js';
export { decodeSpoolSegment } from './spool/index.js';
export type { DecodedSegment, OpenSegmentFile, SegmentDamage, SpoolRecord } from './spool/index.js';
export { runMigrations } from './schema/run-migrations.js';
export type { SpanRow } from './storage/span-row.js';
export type { LogRow } from './storage/log-row.js';
export {
  decodeTracesProtobuf,
  decodeTracesJson,
  decodeLogsProtobuf,
  decodeLogsJson,
  OtlpDecodeError,
} from './otlp/index.js';
export type { DecodedTraces, DecodedLogs } from './otlp/index.js';
export { createClickHouseHttpRoutes } from './http/clickhouse/index.js';
export { main } from './cli/index.js';
