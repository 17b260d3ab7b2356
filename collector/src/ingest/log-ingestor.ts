import { decodeLogsJson, decodeLogsProtobuf, otlpJsonText, type DecodeLimits } from '../otlp/index.js';
import type { LogRow } from '../storage/log-row.js';
import type { BatchWriter } from './batch-writer.js';

export interface LogIngestResult {
  acceptedLogRecords: number;
  rejectedLogRecords: number;
  /** Why records were rejected, for OTLP `partial_success`; '' when none were. */
  rejectionMessage: string;
}

/**
 * Stores log records in `otel_logs`: decoded from OTLP logs exports, or built by the collector
 * itself (scores posted as JSON). Both go through the same writer, so the same materialized
 * views see them. Resolves once the records are stored.
 */
export class LogIngestor {
  constructor(
    private readonly writer: BatchWriter,
    private readonly limits: DecodeLimits,
  ) {}

  async ingest(payload: Uint8Array, format: 'protobuf' | 'json'): Promise<LogIngestResult> {
    const decoded =
      format === 'protobuf'
        ? decodeLogsProtobuf(payload, this.limits)
        : decodeLogsJson(otlpJsonText(payload), this.limits);
    await this.writer.write(decoded.rows);
    return {
      acceptedLogRecords: decoded.rows.length,
      rejectedLogRecords: decoded.rejectedLogRecords,
      rejectionMessage: decoded.rejectionMessage,
    };
  }

  store(rows: readonly LogRow[]): Promise<void> {
    return this.writer.write(rows);
  }
}
