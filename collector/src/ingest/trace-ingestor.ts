import { RagtraceError } from '../errors/ragtrace-error.js';
import type { CollectorMetrics } from '../metrics/index.js';
import { normalizeSpan } from '../normalize/index.js';
import { decodeTracesJson, decodeTracesProtobuf, otlpJsonText } from '../otlp/index.js';
import type { BatchWriter } from './batch-writer.js';

export interface IngestResult {
  acceptedSpans: number;
  rejectedSpans: number;
  /** Why spans were rejected, for OTLP `partial_success`; '' when none were. */
  rejectionMessage: string;
}

/** `ragtrace_rejected_spans_total` reason of spans left out for ids that cannot be stored. */
const INVALID_ID_REASON = 'invalid_id';

/**
 * Decodes one OTLP trace export, normalizes its GenAI attributes and stores its spans;
 * resolves once they are stored.
 */
export class TraceIngestor {
  constructor(
    private readonly writer: BatchWriter,
    private readonly metrics: CollectorMetrics,
  ) {}

  async ingest(payload: Uint8Array, format: 'protobuf' | 'json'): Promise<IngestResult> {
    const decoded =
      format === 'protobuf' ? decodeTracesProtobuf(payload) : decodeTracesJson(otlpJsonText(payload));
    const { rows } = decoded;
    this.metrics.countReceivedSpans(rows.length + decoded.rejectedSpans);
    this.metrics.countRejectedSpans(INVALID_ID_REASON, decoded.rejectedSpans);
    for (const row of rows) {
      const outcome = normalizeSpan(row);
      this.metrics.countNormalizedSpan(outcome.convention, outcome.mapped);
    }
    try {
      await this.writer.write(rows);
    } catch (error) {
      this.metrics.countRejectedSpans(rejectionReason(error), rows.length);
      throw error;
    }
    return {
      acceptedSpans: rows.length,
      rejectedSpans: decoded.rejectedSpans,
      rejectionMessage: decoded.rejectionMessage,
    };
  }
}

/** The label a failed write counts its spans under: the error's code, e.g. `backpressure`. */
function rejectionReason(error: unknown): string {
  return error instanceof RagtraceError ? error.code.toLowerCase() : 'internal_error';
}
