import { after, before, describe, it } from 'node:test';
import { startClickHouseStandIn } from '../support/clickhouse-standin.js';
import { EXPORTER_VARIANTS, assertRoundTrip } from '../support/round-trip.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

/**
 * RAGTRACE_CLICKHOUSE_URL mode end to end: the collector speaks ClickHouse's HTTP interface
 * through @clickhouse/client to a stand-in server (chDB behind that interface, writes
 * allowed), since no ClickHouse server can be installed here.
 */
describe('server mode: collector → @clickhouse/client over HTTP → ClickHouse stand-in', () => {
  let standIn: Awaited<ReturnType<typeof startClickHouseStandIn>>;
  let standInDir: Awaited<ReturnType<typeof makeTempDir>>;
  let collector: TestCollector;
  before(async () => {
    standInDir = await makeTempDir('standin');
    standIn = await startClickHouseStandIn({ dataDir: standInDir.path });
    collector = await startTestCollector({ RAGTRACE_CLICKHOUSE_URL: standIn.url.toString() });
  });
  after(async () => {
    await collector.stop();
    await standIn.close();
    await standInDir.remove();
  });

  for (const variant of EXPORTER_VARIANTS) {
    it(`stores every field intact via ${variant.kind}${variant.gzip ? ' + gzip' : ''}`, () =>
      assertRoundTrip(collector.url, collector.sql, variant));
  }
});
