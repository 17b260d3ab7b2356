import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

export interface ExportCounts {
  readonly exported: number;
  readonly failed: number;
}

/** Passes spans to the real exporter and counts, per trace, how many it delivered or lost. */
export class SpanCountingExporter implements SpanExporter {
  private readonly delegate: SpanExporter;
  private readonly byTrace = new Map<string, { exported: number; failed: number }>();

  constructor(delegate: SpanExporter) {
    this.delegate = delegate;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.delegate.export(spans, (result) => {
      for (const span of spans) {
        const traceId = span.spanContext().traceId;
        const counts = this.byTrace.get(traceId) ?? { exported: 0, failed: 0 };
        if (result.code === ExportResultCode.SUCCESS) counts.exported += 1;
        else counts.failed += 1;
        this.byTrace.set(traceId, counts);
      }
      resultCallback(result);
    });
  }

  /** Totals over the given traces. */
  countsFor(traceIds: Iterable<string>): ExportCounts {
    let exported = 0;
    let failed = 0;
    for (const traceId of traceIds) {
      exported += this.byTrace.get(traceId)?.exported ?? 0;
      failed += this.byTrace.get(traceId)?.failed ?? 0;
    }
    return { exported, failed };
  }

  forceFlush(): Promise<void> {
    return this.delegate.forceFlush?.() ?? Promise.resolve();
  }

  shutdown(): Promise<void> {
    return this.delegate.shutdown();
  }
}
