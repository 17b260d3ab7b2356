import { stampProject } from '../auth/stamp-project.js';
import { RagtraceError } from '../errors/ragtrace-error.js';
import type { CollectorMetrics } from '../metrics/index.js';
import { normalizeSpan } from '../normalize/index.js';
import { decodeTracesJson, decodeTracesProtobuf, otlpJsonText, type DecodeLimits } from '../otlp/index.js';
import { capSpanAttributes } from './cap-span-attributes.js';
import { TooManySpansError } from './ingest-errors.js';
import type { RowWriter } from './row-writer.js';

/** Caps on what one trace export may carry: per request, per span, and per attribute value. */
export interface TraceLimits extends DecodeLimits {
  maxSpansPerRequest: number;
  maxAttributesPerSpan: number;
}

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
 * resolves once they are stored (or synced to the local spool, see spooling-writer.ts).
 */
export class TraceIngestor {
  constructor(
    private readonly writer: RowWriter,
    private readonly metrics: CollectorMetrics,
    private readonly limits: TraceLimits,
  ) {}

  /** `project`: the authenticated caller's, stamped on every span; `requestId`: the request's X-Request-Id. */
  async ingest(
    payload: Uint8Array,
    format: 'protobuf' | 'json',
    project: string,
    requestId: string,
  ): Promise<IngestResult> {
    const decoded =
      format === 'protobuf'
        ? decodeTracesProtobuf(payload, this.limits)
        : decodeTracesJson(otlpJsonText(payload), this.limits);
    const { rows } = decoded;
    const received = rows.length + decoded.rejectedSpans;
    this.metrics.countReceivedSpans(received);
    // Refused whole rather than partly stored: an exporter never resends the rejected part of
    // a partial_success, so keeping the first N would lose the rest silently.
    if (received > this.limits.maxSpansPerRequest) {
      const error = new TooManySpansError(
        `request carries ${received} spans, more than the limit of ${this.limits.maxSpansPerRequest}: send smaller batches`,
      );
      this.metrics.countRejectedSpans(rejectionReason(error), received);
      throw error;
    }
    this.metrics.countRejectedSpans(INVALID_ID_REASON, decoded.rejectedSpans);
    stampProject(rows, project);
    for (const row of rows) {
      capSpanAttributes(row, this.limits.maxAttributesPerSpan);
      const outcome = normalizeSpan(row);
      this.metrics.countNormalizedSpan(outcome.convention, outcome.mapped);
    }
    try {
      await this.writer.write(rows, { requestId });
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
