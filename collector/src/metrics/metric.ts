/** One time series of a metric: its label values (in the metric's label order) and value. */
export interface Sample {
  labelValues: readonly string[];
  value: number;
}

/**
 * What the registry needs from a metric to expose it. Counters implement it now; gauges and
 * histograms can join without the registry changing.
 */
export interface Metric {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  readonly labelNames: readonly string[];
  samples(): Sample[];
}
