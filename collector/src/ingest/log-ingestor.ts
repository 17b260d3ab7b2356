import { decodeLogsJson, decodeLogsProtobuf, otlpJsonText, type DecodeLimits } from '../otlp/index.js';
import { stampProject } from '../auth/stamp-project.js';
import type { LogRow } from '../storage/log-row.js';
import type { RowWriter } from './row-writer.js';

export interface LogIngestResult {
  acceptedLogRecords: number;
  rejectedLogRecords: number;
  /** Why records were rejected, for OTLP `partial_success`; '' when none were. */
  rejectionMessage: string;
}

/**
 * Stores log records in `otel_logs`: decoded from OTLP logs exports, or built by the collector
 * itself (scores posted as JSON). Both go through the same writer, so the same materialized
 * views see them. Resolves once the records are stored (or synced to the local spool).
 */
export class LogIngestor {
  constructor(
    private readonly writer: RowWriter,
    private readonly limits: DecodeLimits,
  ) {}

  /**
   * `project`: the authenticated caller's, stamped on every record (and so on every score);
   * `requestId`: the request's X-Request-Id.
   */
  async ingest(
    payload: Uint8Array,
    format: 'protobuf' | 'json',
    project: string,
    requestId: string,
  ): Promise<LogIngestResult> {
    const decoded =
      format === 'protobuf'
        ? decodeLogsProtobuf(payload, this.limits)
        : decodeLogsJson(otlpJsonText(payload), this.limits);
    stampProject(decoded.rows, project);
    await this.writer.write(decoded.rows, { requestId });
    return {
      acceptedLogRecords: decoded.rows.length,
      rejectedLogRecords: decoded.rejectedLogRecords,
      rejectionMessage: decoded.rejectionMessage,
    };
  }

  store(rows: readonly LogRow[], project: string, requestId: string): Promise<void> {
    stampProject(rows, project);
    return this.writer.write(rows, { requestId });
  }
}
