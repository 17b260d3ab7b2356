import { openStorage } from '@ragtrace/collector';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BatchWriter } from '../../../collector/src/ingest/batch-writer.js';
import { RejectedByStorageError } from '../../../collector/src/ingest/ingest-errors.js';
import { createStoredSpanFilter } from '../../../collector/src/ingest/deduplication/stored-span-filter.js';
import {
  GOOD_TRACE_ID,
  writeAroundPoisonedSpan,
} from '../../../collector/src/ingest/test-support/poisoned-span-batch.js';
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

  it('fails only the write whose span a server cannot take (a lone surrogate), storing the others', async () => {
    const storage = await openStorage({ kind: 'server', url: standIn.url, database: 'otel' });
    const writer = new BatchWriter({
      storage,
      table: 'otel_traces',
      maxRows: 1000,
      maxDelayMs: 20,
      maxQueuedRows: 1000,
      dropStored: createStoredSpanFilter(storage, () => {}),
    });
    try {
      const [before, poisoned, after] = await writeAroundPoisonedSpan(writer);
      assert.equal(before.status, 'fulfilled');
      assert.equal(after.status, 'fulfilled');
      assert.ok(poisoned.status === 'rejected' && poisoned.reason instanceof RejectedByStorageError);
      const stored = await collector.sql.query({
        query: 'SELECT SpanName FROM otel.otel_traces WHERE TraceId = {trace:String} ORDER BY SpanName',
        query_params: { trace: GOOD_TRACE_ID },
        format: 'JSONEachRow',
      });
      assert.deepEqual(await stored.json(), [{ SpanName: 'after' }, { SpanName: 'before' }]);
    } finally {
      await writer.close();
      await storage.close();
    }
  });

  it('answers /clickhouse for any number of databases named by callers (clients kept per database are bounded)', async () => {
    const ask = async (database: string) => {
      const query = encodeURIComponent('SELECT currentDatabase()');
      const response = await fetch(`${collector.url}/clickhouse/?database=${database}&query=${query}`);
      return { status: response.status, text: (await response.text()).trim() };
    };
    assert.deepEqual(await ask('otel'), { status: 200, text: 'otel' });
    // More databases than the collector keeps clients for, so earlier clients are evicted.
    for (let i = 0; i < 12; i += 1) assert.equal((await ask(`no_such_db_${i}`)).status, 404);
    assert.deepEqual(await ask('system'), { status: 200, text: 'system' });
    assert.deepEqual(
      await ask('otel'),
      { status: 200, text: 'otel' },
      'an evicted database gets a new client',
    );
  });
});
