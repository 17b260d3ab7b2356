export { CollectorMetrics, NORMALIZE_RESULT } from './collector-metrics.js';
export { countHttpRequests } from './count-http-requests.js';
export { MetricsRegistry } from './metrics-registry.js';
export { Counter } from './counter.js';
export type { CounterSeries } from './counter.js';
export type { Metric, Sample } from './metric.js';
export { PROMETHEUS_TEXT_CONTENT_TYPE, renderPrometheusText } from './prometheus-text.js';
