import { SOURCE_CONVENTION, type SourceConvention } from '@ragtrace/semconv';
import type { CounterSeries } from './counter.js';
import type { HistogramSeries } from './histogram.js';
import { MetricsRegistry } from './metrics-registry.js';

/**
 * Bucket bounds of `ragtrace_insert_duration_seconds`: a healthy insert takes milliseconds to
 * a second; the top buckets catch a struggling server before the client gives up.
 */
const INSERT_DURATION_BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Values of the `result` label of `ragtrace_normalized_spans_total`. */
export const NORMALIZE_RESULT = { mapped: 'mapped', unmapped: 'unmapped' } as const;

interface NormalizedSeries {
  mapped: CounterSeries;
  unmapped: CounterSeries;
}

/**
 * The collector's own counters, served at `GET /metrics`. Series the ingest path counts per
 * span are resolved once here, so counting a span is an increment, not a label lookup.
 */
export class CollectorMetrics {
  readonly registry = new MetricsRegistry();

  readonly #received = this.registry.counter(
    'ragtrace_received_spans_total',
    'Spans decoded from OTLP trace exports, including those then rejected.',
  );
  readonly #rejected = this.registry.counter(
    'ragtrace_rejected_spans_total',
    'Spans decoded but not stored, by reason: invalid_id (ids that cannot be stored, reported in partial_success), or the error code that failed the request (backpressure, storage_unavailable, shutting_down, ...).',
    ['reason'],
  );
  readonly #normalized = this.registry.counter(
    'ragtrace_normalized_spans_total',
    'Spans normalized on ingest, by the GenAI convention recognised (ragtrace.source.convention). result="mapped": the span was given a RAG stage other than "other" (embed, retrieve, rerank, generate, tool, agent, workflow). result="unmapped": it was not, because the convention was recognised but the span kind has no RAG stage or is unknown, or because no GenAI convention was recognised (convention="none", plain HTTP or database spans).',
    ['convention', 'result'],
  );
  readonly #httpRequests = this.registry.counter(
    'ragtrace_http_requests_total',
    'HTTP requests answered, by route pattern ("unmatched" when no route matched) and status code.',
    ['route', 'status'],
  );
  readonly #insertDuration = this.registry.histogram(
    'ragtrace_insert_duration_seconds',
    'Time each insert into storage took, by table, whether it succeeded or failed.',
    ['table'],
    INSERT_DURATION_BOUNDS,
  );
  readonly #queuedRows = this.registry.gauge(
    'ragtrace_queued_rows',
    'Rows accepted but not yet stored (waiting for their batch or being inserted), by table.',
    ['table'],
  );
  readonly #spoolBytes = this.registry.gauge(
    'ragtrace_spool_bytes',
    'Bytes the local spool takes on disk (bounded by RAGTRACE_SPOOL_MAX_BYTES).',
  );
  readonly #spoolRecords = this.registry.gauge(
    'ragtrace_spool_records',
    'Requests acknowledged from the spool and not yet stored (spooled records not yet replayed).',
  );
  readonly #spoolReplayLag = this.registry.gauge(
    'ragtrace_spool_replay_lag_seconds',
    'Age of the oldest spooled record not yet replayed into storage; 0 when the spool is empty.',
  );
  readonly #spooledRequests = this.registry.counter(
    'ragtrace_spooled_requests_total',
    'Writes (one per request) acknowledged once written to the spool instead of storage, by table: storage failed, was slow or its queue full, or older records were still waiting in the spool.',
    ['table'],
  );
  readonly #spoolFullRejections = this.unlabelledCounter(
    'ragtrace_spool_full_rejections_total',
    'Requests refused with 503 because storage could not take them and the spool was full.',
  );
  readonly #spoolQuarantinedRecords = this.registry.counter(
    'ragtrace_spool_quarantined_records_total',
    'Spooled records the replay could not store, moved to a dead-letter file in the spool directory, by table and reason: rejected (storage refused the data, e.g. a value no column can hold) or failed (storing it failed, for a reason of its own rather than an outage, as often as a record may).',
    ['table', 'reason'],
  );
  readonly #deduplicatedSpans = this.unlabelledCounter(
    'ragtrace_deduplicated_spans_total',
    'Spans left out of an insert because storage already held them (or the batch repeated them): resent requests and spool replays.',
  );
  readonly #deduplicatedLogRecords = this.unlabelledCounter(
    'ragtrace_deduplicated_log_records_total',
    'Log records left out of an insert because storage already held an identical one (or the batch repeated it): resent requests and spool replays.',
  );
  readonly #normalizedSeries: ReadonlyMap<string, NormalizedSeries> = new Map(
    Object.values(SOURCE_CONVENTION).map((convention) => [
      convention,
      {
        mapped: this.#normalized.labels(convention, NORMALIZE_RESULT.mapped),
        unmapped: this.#normalized.labels(convention, NORMALIZE_RESULT.unmapped),
      },
    ]),
  );

  /** A counter without labels, its one series made now so it shows, at 0, from the first scrape. */
  private unlabelledCounter(name: string, help: string): CounterSeries {
    return this.registry.counter(name, help).labels();
  }

  countReceivedSpans(count: number): void {
    this.#received.inc(count);
  }

  countRejectedSpans(reason: string, count: number): void {
    if (count > 0) this.#rejected.labels(reason).inc(count);
  }

  countNormalizedSpan(convention: SourceConvention, mapped: boolean): void {
    const series = this.#normalizedSeries.get(convention)!;
    (mapped ? series.mapped : series.unmapped).inc();
  }

  countHttpRequest(route: string, status: number): void {
    this.#httpRequests.labels(route, String(status)).inc();
  }

  /** The series to observe each insert into `table` with, in seconds. */
  insertDuration(table: string): HistogramSeries {
    return this.#insertDuration.labels(table);
  }

  /** Reports the spool's size and replay lag, read at every scrape. */
  trackSpool(read: { bytes(): number; records(): number; replayLagSeconds(): number }): void {
    this.#spoolBytes.track([], read.bytes);
    this.#spoolRecords.track([], read.records);
    this.#spoolReplayLag.track([], read.replayLagSeconds);
  }

  countSpooledRequest(table: string): void {
    this.#spooledRequests.labels(table).inc();
  }

  countSpoolFullRejection(): void {
    this.#spoolFullRejections.inc();
  }

  countSpoolQuarantinedRecord(table: string, reason: string): void {
    this.#spoolQuarantinedRecords.labels(table, reason).inc();
  }

  countDeduplicatedSpans(count: number): void {
    this.#deduplicatedSpans.inc(count);
  }

  countDeduplicatedLogRecords(count: number): void {
    this.#deduplicatedLogRecords.inc(count);
  }

  /** Reports `read()` as the rows queued for `table` at every scrape. */
  trackQueuedRows(table: string, read: () => number): void {
    this.#queuedRows.track([table], read);
  }
}
