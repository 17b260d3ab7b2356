import { Counter } from './counter.js';
import { Gauge } from './gauge.js';
import { Histogram } from './histogram.js';
import type { Metric } from './metric.js';
import { renderPrometheusText } from './prometheus-text.js';

/** Prometheus metric names: letters, digits, underscores and colons, not starting with a digit. */
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The collector's metrics, kept in process and exposed in the Prometheus text format. */
export class MetricsRegistry {
  readonly #metrics = new Map<string, Metric>();

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    const counter = new Counter(name, help, labelNames);
    this.register(counter);
    return counter;
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    const gauge = new Gauge(name, help, labelNames);
    this.register(gauge);
    return gauge;
  }

  histogram(name: string, help: string, labelNames: readonly string[], bounds: readonly number[]): Histogram {
    const histogram = new Histogram(name, help, labelNames, bounds);
    this.register(histogram);
    return histogram;
  }

  register(metric: Metric): void {
    if (!METRIC_NAME.test(metric.name)) throw new RangeError(`invalid metric name: ${metric.name}`);
    const badLabel = metric.labelNames.find((label) => !LABEL_NAME.test(label) || label.startsWith('__'));
    if (badLabel !== undefined) throw new RangeError(`invalid label name on ${metric.name}: ${badLabel}`);
    if (this.#metrics.has(metric.name)) throw new RangeError(`metric already registered: ${metric.name}`);
    this.#metrics.set(metric.name, metric);
  }

  render(): string {
    return renderPrometheusText([...this.#metrics.values()]);
  }
}
