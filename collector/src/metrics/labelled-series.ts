/**
 * The series of one metric, one per combination of label values, created on first use. Every
 * metric type keeps its series here, so label checking is written once.
 */
export class LabelledSeries<T> {
  readonly #series = new Map<string, { labelValues: readonly string[]; state: T }>();

  constructor(
    readonly metricName: string,
    readonly labelNames: readonly string[],
    private readonly create: () => T,
  ) {}

  /** The state for these label values (in `labelNames` order). */
  get(labelValues: readonly string[]): T {
    if (labelValues.length !== this.labelNames.length) {
      throw new RangeError(
        `${this.metricName} takes ${this.labelNames.length} label values, got ${labelValues.length}`,
      );
    }
    // U+0000 cannot occur in our label values, so joined keys cannot collide.
    const key = labelValues.join('\u0000');
    let series = this.#series.get(key);
    if (series === undefined) {
      series = { labelValues, state: this.create() };
      this.#series.set(key, series);
    }
    return series.state;
  }

  entries(): { labelValues: readonly string[]; state: T }[] {
    return [...this.#series.values()];
  }
}
