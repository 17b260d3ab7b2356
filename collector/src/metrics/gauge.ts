import { LabelledSeries } from './labelled-series.js';
import type { Metric, Sample } from './metric.js';

/**
 * A Prometheus gauge whose series are read when scraped: the values it reports (queue depths)
 * already live elsewhere, and reading them on demand keeps the hot path free of bookkeeping.
 */
export class Gauge implements Metric {
  readonly type = 'gauge';
  readonly #series: LabelledSeries<{ read: () => number }>;

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[] = [],
  ) {
    this.#series = new LabelledSeries(name, labelNames, () => ({ read: () => 0 }));
  }

  /** Reports `read()` for these label values (in `labelNames` order) at every scrape. */
  track(labelValues: readonly string[], read: () => number): void {
    this.#series.get(labelValues).read = read;
  }

  samples(): Sample[] {
    return this.#series.entries().map(({ labelValues, state }) => ({ labelValues, value: state.read() }));
  }
}
