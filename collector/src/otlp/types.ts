import type { SpanRow } from '../storage/span-row.js';

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
