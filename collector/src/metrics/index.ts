export { CollectorMetrics, NORMALIZE_RESULT } from './collector-metrics.js';
export { MetricsRegistry } from './metrics-registry.js';
export { Counter } from './counter.js';
export type { CounterSeries } from './counter.js';
export { Gauge } from './gauge.js';
export { Histogram } from './histogram.js';
export type { HistogramSeries } from './histogram.js';
export type { Metric, Sample } from './metric.js';
export { PROMETHEUS_TEXT_CONTENT_TYPE, renderPrometheusText } from './prometheus-text.js';
