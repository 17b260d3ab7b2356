/**
 * Every code a RagtraceError can carry. A union the compiler checks: http/error-status.ts maps
 * each one to a status in a switch with no default, so a new code does not compile until it has
 * been given one.
 */
export type ErrorCode =
  // Requests the collector refuses
  | 'OTLP_MALFORMED'
  | 'MALFORMED_REQUEST'
  | 'INVALID_PARAMETER'
  | 'REJECTED_BY_STORAGE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_SPANS'
  | 'UNSUPPORTED_MEDIA_TYPE'
  // Come back later
  | 'TOO_MANY_REQUESTS'
  | 'BACKPRESSURE'
  | 'STORAGE_UNAVAILABLE'
  | 'SPOOL_FULL'
  | 'SPOOL_WRITE_FAILED'
  | 'SHUTTING_DOWN'
  // The engine refused a query (ClickHouse's own code and name travel with it)
  | 'CLICKHOUSE_QUERY'
  // Start-up and the command line
  | 'INVALID_CONFIG'
  | 'KEY_FILE_INVALID'
  | 'COLLECTOR_API'
  | 'COLLECTOR_UNREACHABLE';
