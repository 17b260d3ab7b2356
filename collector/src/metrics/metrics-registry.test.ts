import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MetricsRegistry } from './metrics-registry.js';

describe('MetricsRegistry renders the Prometheus text format 0.0.4', () => {
  it('writes HELP, TYPE and one line per labelled series, escaping as the format requires', () => {
    const registry = new MetricsRegistry();
    const requests = registry.counter('demo_requests_total', 'Requests.\nSecond line with a \\ backslash.', [
      'route',
      'status',
    ]);
    requests.labels('/v1/traces', '200').inc();
    requests.labels('/v1/traces', '200').inc(2);
    requests.labels('/say "hi"\n', '500').inc();
    registry.counter('demo_plain_total', 'No labels.').inc(5);

    assert.equal(
      registry.render(),
      [
        '# HELP demo_requests_total Requests.\\nSecond line with a \\\\ backslash.',
        '# TYPE demo_requests_total counter',
        'demo_requests_total{route="/v1/traces",status="200"} 3',
        'demo_requests_total{route="/say \\"hi\\"\\n",status="500"} 1',
        '# HELP demo_plain_total No labels.',
        '# TYPE demo_plain_total counter',
        'demo_plain_total 5',
        '',
      ].join('\n'),
    );
  });

  it('refuses invalid names, duplicate metrics, wrong label counts and decrements', () => {
    const registry = new MetricsRegistry();
    assert.throws(() => registry.counter('bad-name', 'x'), /invalid metric name/);
    assert.throws(() => registry.counter('ok_total', 'x', ['__reserved']), /invalid label name/);
    const counter = registry.counter('ok_total', 'x', ['a']);
    assert.throws(() => registry.counter('ok_total', 'x'), /already registered/);
    assert.throws(() => counter.labels('1', '2'), /takes 1 label values/);
    assert.throws(() => counter.labels('1').inc(-1), /only goes up/);
  });

  it('writes a histogram as cumulative buckets with le last, then _sum and _count', () => {
    const registry = new MetricsRegistry();
    const latency = registry.histogram('demo_seconds', 'Latency.', ['table'], [0.1, 1]);
    const traces = latency.labels('otel_traces');
    traces.observe(0.05);
    traces.observe(0.5);
    traces.observe(3);

    assert.equal(
      registry.render(),
      [
        '# HELP demo_seconds Latency.',
        '# TYPE demo_seconds histogram',
        'demo_seconds_bucket{table="otel_traces",le="0.1"} 1',
        'demo_seconds_bucket{table="otel_traces",le="1"} 2',
        'demo_seconds_bucket{table="otel_traces",le="+Inf"} 3',
        'demo_seconds_sum{table="otel_traces"} 3.55',
        'demo_seconds_count{table="otel_traces"} 3',
        '',
      ].join('\n'),
    );
    assert.throws(() => registry.histogram('bad_seconds', 'x', [], [1, 1]), /increasing/);
    assert.throws(() => registry.histogram('le_seconds', 'x', ['le'], [1]), /reserved/);
  });

  it('reads a gauge when rendering, so it reports the value at scrape time', () => {
    const registry = new MetricsRegistry();
    let queued = 3;
    registry.gauge('demo_queued_rows', 'Queued.', ['table']).track(['otel_logs'], () => queued);
    assert.match(registry.render(), /^demo_queued_rows\{table="otel_logs"\} 3$/m);
    queued = 0;
    assert.match(
      registry.render(),
      /# TYPE demo_queued_rows gauge\ndemo_queued_rows\{table="otel_logs"\} 0\n/,
    );
  });
});
