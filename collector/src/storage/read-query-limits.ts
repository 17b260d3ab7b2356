/**
 * Engine limits every query run for a reader (`/clickhouse`, the `/api` routes) runs under, so
 * that one slow or huge read cannot take the memory, threads and time ingest needs. Values are
 * the collector's configuration (validated at start-up); a `/clickhouse` caller may lower them
 * with the same-named settings, never raise them.
 */
export interface ReadQueryLimits {
  /** Seconds a read may run (ClickHouse's `max_execution_time`). */
  maxExecutionTimeSeconds: number;
  /** Bytes a read's result may take (`max_result_bytes`). */
  maxResultBytes: number;
  /** Bytes of memory a read may use (`max_memory_usage`). */
  maxMemoryUsageBytes: number;
}

/**
 * The nice value of a reader's query threads (ClickHouse's `os_thread_priority`, the lowest
 * priority there is): where readers and ingest want the same CPU, ingest's inserts get it first,
 * and readers still have whatever is idle.
 */
const READ_THREAD_PRIORITY = '19';

/** The limits as the ClickHouse settings that carry them. */
export function readQueryLimitSettings(limits: ReadQueryLimits): Record<string, string> {
  return {
    os_thread_priority: READ_THREAD_PRIORITY,
    max_execution_time: String(limits.maxExecutionTimeSeconds),
    max_result_bytes: String(limits.maxResultBytes),
    max_memory_usage: String(limits.maxMemoryUsageBytes),
  };
}
