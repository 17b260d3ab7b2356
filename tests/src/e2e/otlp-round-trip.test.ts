import { after, before, describe, it } from 'node:test';
import { EXPORTER_VARIANTS, assertRoundTrip } from '../support/round-trip.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

describe('official OTel JS OTLP exporters → collector → embedded otel_traces', () => {
  let collector: TestCollector;
  before(async () => {
    collector = await startTestCollector();
  });
  after(() => collector.stop());

  for (const variant of EXPORTER_VARIANTS) {
    it(`stores every field intact via ${variant.kind}${variant.gzip ? ' + gzip' : ''}`, () =>
      assertRoundTrip(collector.url, collector.sql, variant));
  }
});
