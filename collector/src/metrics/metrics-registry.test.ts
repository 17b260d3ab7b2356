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
});
