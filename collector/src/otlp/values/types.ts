import type { LogRow } from '../../storage/log-row.js';
import type { SpanRow } from '../../storage/span-row.js';

/** The spans of one OTLP trace export, ready for `otel_traces`. */
export interface DecodedTraces {
  /**
   * The spans that can be stored. Rows of one resource share a single frozen
   * `ResourceAttributes` object: copy it before changing it for one row.
   */
  rows: SpanRow[];
  /** Spans left out because their ids cannot be stored (OTLP `partial_success.rejected_spans`). */
  rejectedSpans: number;
  /** Why spans were left out, for `partial_success.error_message`; '' when none were. */
  rejectionMessage: string;
}

/** The log records of one OTLP logs export, ready for `otel_logs`. */
export interface DecodedLogs {
  /**
   * The records that can be stored. Rows of one resource share a single frozen
   * `ResourceAttributes` object, and rows of one scope a frozen `ScopeAttributes` object.
   */
  rows: LogRow[];
  /** Records left out because their ids cannot be stored (OTLP `partial_success.rejected_log_records`). */
  rejectedLogRecords: number;
  /** Why records were left out, for `partial_success.error_message`; '' when none were. */
  rejectionMessage: string;
}
