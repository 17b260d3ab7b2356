import type { Metric } from './metric.js';

/** Content type of the Prometheus text exposition format this module writes. */
export const PROMETHEUS_TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Metrics in the Prometheus text exposition format 0.0.4: HELP, TYPE, then one line per series. */
export function renderPrometheusText(metrics: readonly Metric[]): string {
  const lines: string[] = [];
  for (const metric of metrics) {
    lines.push(`# HELP ${metric.name} ${escapeHelp(metric.help)}`);
    lines.push(`# TYPE ${metric.name} ${metric.type}`);
    for (const { labelValues, value, suffix = '', le } of metric.samples()) {
      const labels = metric.labelNames.map(
        (name, i) => `${name}="${escapeLabelValue(labelValues[i] ?? '')}"`,
      );
      if (le !== undefined) labels.push(`le="${le}"`);
      const labelText = labels.length === 0 ? '' : `{${labels.join(',')}}`;
      lines.push(`${metric.name}${suffix}${labelText} ${formatValue(value)}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

// The format escapes backslash and newline in HELP text, and also double quotes in label values.
function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function escapeLabelValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
