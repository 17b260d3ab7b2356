import { LabelledSeries } from './labelled-series.js';
import type { Metric, Sample } from './metric.js';

/** One labelled series of a histogram; hold on to it to observe without a lookup per event. */
export interface HistogramSeries {
  observe(value: number): void;
}

interface HistogramState {
  /** Observations at or below each bucket bound, cumulative as the format wants them. */
  bucketCounts: number[];
  sum: number;
  count: number;
}

/** A Prometheus histogram: cumulative buckets plus `_sum` and `_count`, per label values. */
export class Histogram implements Metric {
  readonly type = 'histogram';
  readonly #bounds: readonly number[];
  readonly #series: LabelledSeries<HistogramState>;

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    bounds: readonly number[],
  ) {
    if (labelNames.includes('le')) throw new RangeError(`${name}: "le" is reserved for histogram buckets`);
    if (bounds.length === 0 || bounds.some((bound, i) => i > 0 && !(bound > bounds[i - 1]!))) {
      throw new RangeError(`${name}: bucket bounds must be increasing`);
    }
    this.#bounds = bounds;
    this.#series = new LabelledSeries(name, labelNames, () => ({
      bucketCounts: bounds.map(() => 0),
      sum: 0,
      count: 0,
    }));
  }

  labels(...labelValues: string[]): HistogramSeries {
    const state = this.#series.get(labelValues);
    const bounds = this.#bounds;
    return {
      observe(value) {
        for (let i = 0; i < bounds.length; i++) if (value <= bounds[i]!) state.bucketCounts[i]!++;
        state.sum += value;
        state.count++;
      },
    };
  }

  samples(): Sample[] {
    return this.#series.entries().flatMap(({ labelValues, state }) => [
      ...this.#bounds.map((bound, i) => ({
        suffix: '_bucket',
        labelValues,
        le: String(bound),
        value: state.bucketCounts[i]!,
      })),
      { suffix: '_bucket', labelValues, le: '+Inf', value: state.count },
      { suffix: '_sum', labelValues, value: state.sum },
      { suffix: '_count', labelValues, value: state.count },
    ]);
  }
}
