import type { Metric, Sample } from './metric.js';

/** One labelled series of a counter; hold on to it to count without a lookup per event. */
export interface CounterSeries {
  inc(amount?: number): void;
}

/** A Prometheus counter: monotonically increasing, one series per combination of label values. */
export class Counter implements Metric {
  readonly type = 'counter';
  readonly #series = new Map<string, { labelValues: readonly string[]; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[] = [],
  ) {}

  /** The series for these label values (in `labelNames` order), created at 0 on first use. */
  labels(...labelValues: string[]): CounterSeries {
    if (labelValues.length !== this.labelNames.length) {
      throw new RangeError(
        `${this.name} takes ${this.labelNames.length} label values, got ${labelValues.length}`,
      );
    }
    // U+0000 cannot occur in our label values, so joined keys cannot collide.
    const key = labelValues.join('\u0000');
    let series = this.#series.get(key);
    if (series === undefined) {
      series = { labelValues, value: 0 };
      this.#series.set(key, series);
    }
    const target = series;
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
    return [...this.#series.values()].map(({ labelValues, value }) => ({ labelValues, value }));
  }
}
