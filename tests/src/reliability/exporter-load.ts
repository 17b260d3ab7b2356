import { context, trace as traceApi } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type IdGenerator,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@ragtrace/semconv';
import { setTimeout as sleep } from 'node:timers/promises';
import { LedgerWriter } from './ledger.js';
import { spanIdsFor, traceIdFor } from './span-ids.js';

export interface ExporterLoadOptions {
  url: string;
  ledgerPath: string;
  seed: string;
  serviceName: string;
  /** Independent SDKs, as if this many services exported at once, each with its own batch processor. */
  providers: number;
  /** Spans created per second across all providers while the load lasts. */
  spansPerSecond: number;
  durationMs: number;
  spansPerTrace: number;
  /** The exporter's `timeoutMillis`: how long it keeps retrying one batch. */
  exportTimeoutMs: number;
}

export interface ExporterLoadSummary {
  spansCreated: number;
  batchesExported: number;
  batchesFailed: number;
  durationMs: number;
}

/**
 * Load through the real OTel JS SDK: BasicTracerProvider + BatchSpanProcessor + the OTLP proto
 * exporter with its own retries; nothing of ours sits between them and the collector except a
 * recorder that writes each export's verdict to the ledger. Span ids still come from the seed
 * (an IdGenerator), so the verifier can find them.
 */
export async function runExporterLoad(options: ExporterLoadOptions): Promise<ExporterLoadSummary> {
  const ledger = new LedgerWriter(options.ledgerPath);
  const ids = new PlannedIds();
  const summary = { spansCreated: 0, batchesExported: 0, batchesFailed: 0, durationMs: 0 };
  const providers = Array.from({ length: options.providers }, (_, index) => {
    const exporter = new OTLPTraceExporter({
      url: `${options.url}/v1/traces`,
      timeoutMillis: options.exportTimeoutMs,
    });
    const recorder = new LedgerRecordingExporter(exporter, ledger, index, summary);
    return new BasicTracerProvider({
      resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
      idGenerator: ids,
      spanProcessors: [
        new BatchSpanProcessor(recorder, {
          // Big enough that the processor never drops spans for lack of room: any span not
          // delivered is then the exporter's (or the collector's) doing.
          maxQueueSize: 1_000_000,
          maxExportBatchSize: 512,
          scheduledDelayMillis: 200,
          exportTimeoutMillis: options.exportTimeoutMs + 5_000,
        }),
      ],
    });
  });
  const tracers = providers.map((provider) => provider.getTracer('ragtrace-reliability-exporter'));
  const started = performance.now();
  const traces = Math.round((options.spansPerSecond * options.durationMs) / 1000 / options.spansPerTrace);
  for (let trace = 0; trace < traces; trace++) {
    const due = started + (trace * options.spansPerTrace * 1000) / options.spansPerSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    ids.plan(traceIdFor(options.seed, trace), spanIdsFor(options.seed, trace, options.spansPerTrace));
    const tracer = tracers[trace % tracers.length]!;
    const root = tracer.startSpan('workflow answer');
    const parent = traceApi.setSpan(context.active(), root);
    for (let child = 1; child < options.spansPerTrace; child++) {
      tracer.startSpan(`retrieval step-${child}`, {}, parent).end();
    }
    root.end();
    summary.spansCreated += options.spansPerTrace;
  }
  // Shutdown flushes what is left and rejects when an export gave up; the ledger already holds
  // that verdict, which is what the verifier judges.
  await Promise.allSettled(providers.map((provider) => provider.shutdown()));
  summary.durationMs = performance.now() - started;
  return summary;
}

/** Hands out the ids planned for the next trace, in creation order: trace id, then span ids. */
class PlannedIds implements IdGenerator {
  #traceId = '';
  #spanIds: string[] = [];

  plan(traceId: string, spanIds: string[]): void {
    this.#traceId = traceId;
    this.#spanIds = [...spanIds];
  }

  generateTraceId(): string {
    return this.#traceId;
  }

  generateSpanId(): string {
    const next = this.#spanIds.shift();
    if (next === undefined) throw new Error('more spans created than planned for this trace');
    return next;
  }
}

/** Writes each export's verdict to the ledger, one exported batch being one request. */
class LedgerRecordingExporter implements SpanExporter {
  #batches = 0;

  constructor(
    private readonly inner: SpanExporter,
    private readonly ledger: LedgerWriter,
    private readonly provider: number,
    private readonly summary: ExporterLoadSummary,
  ) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const request = this.provider * 1_000_000 + this.#batches++;
    const startedAt = performance.now();
    this.inner.export(spans, (result) => {
      const acknowledged = result.code === ExportResultCode.SUCCESS;
      const status = acknowledged ? 200 : httpStatusOf(result.error);
      this.ledger.append({
        request,
        attempt: 1,
        spanIds: spans.map((span) => span.spanContext().spanId),
        status,
        ...(status === null ? { error: result.error?.message ?? 'unknown' } : {}),
        acknowledged,
        final: true,
        atMs: Date.now(),
        // The exporter's own retries included: the time the batch took to be delivered.
        latencyMs: Math.round(performance.now() - startedAt),
      });
      if (acknowledged) this.summary.batchesExported++;
      else this.summary.batchesFailed++;
      resultCallback(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

/**
 * The exporter's OTLPExporterError carries the HTTP status as its `code` when it gave up on a
 * non-retryable one; after running out of retries it carries none.
 */
function httpStatusOf(error: Error | undefined): number | null {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : null;
}
