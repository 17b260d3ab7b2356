/** One time series of a metric: its label values (in the metric's label order) and value. */
export interface Sample {
  labelValues: readonly string[];
  value: number;
  /** Appended to the metric name: a histogram's `_bucket`, `_sum` and `_count` series. */
  suffix?: string;
  /** A histogram bucket's upper bound, written as the `le` label after the others. */
  le?: string;
}

/**
 * What the registry needs from a metric to expose it: counters, gauges and histograms
 * implement it.
 */
export interface Metric {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  readonly labelNames: readonly string[];
  samples(): Sample[];
}
