import { LabelledSeries } from './labelled-series.js';
import type { Metric, Sample } from './metric.js';

/** One labelled series of a counter; hold on to it to count without a lookup per event. */
export interface CounterSeries {
  inc(amount?: number): void;
}

/** A Prometheus counter: monotonically increasing, one series per combination of label values. */
export class Counter implements Metric {
  readonly type = 'counter';
  readonly #series: LabelledSeries<{ value: number }>;

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[] = [],
  ) {
    this.#series = new LabelledSeries(name, labelNames, () => ({ value: 0 }));
  }

  /** The series for these label values (in `labelNames` order), created at 0 on first use. */
  labels(...labelValues: string[]): CounterSeries {
    const target = this.#series.get(labelValues);
    return {
      inc(amount = 1) {
        if (!(amount >= 0)) throw new RangeError('a counter only goes up');
        target.value += amount;
      },
    };
  }

  inc(amount = 1): void {
    this.labels().inc(amount);
  }

  samples(): Sample[] {
    return this.#series.entries().map(({ labelValues, state }) => ({ labelValues, value: state.value }));
  }
}
