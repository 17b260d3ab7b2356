import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import assert from 'node:assert/strict';
import { appendFile, cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startClickHouseStandIn, type ClickHouseStandIn } from '../support/clickhouse-standin.js';
import { startCollectorProcess, type CollectorProcess } from '../support/collector-process.js';
import {
  eachOnce,
  metricValue,
  postTraces,
  spanRequest,
  storedCopies,
  waitUntil,
} from '../support/delivery-checks.js';
import { makeTempDir } from '../support/temp-dir.js';

const SPANS_PER_REQUEST = 4;
const REQUESTS = [1, 2, 3, 4, 5];
const DATABASE = 'spool_restart';

/**
 * The spool across process deaths: a collector killed with SIGKILL after acknowledging
 * spooled requests, and one killed after replaying them but before deleting the segment (its
 * replay then runs again on records already stored).
 */
describe('spool: replay after a restart (collector as a child process, server mode)', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let standIn: ClickHouseStandIn;
  let direct: ClickHouseClient;
  let collector: CollectorProcess | undefined;
  let env: Record<string, string>;
  const spoolDir = () => join(dir.path, 'data', 'spool');
  const snapshotDir = () => join(dir.path, 'spool-snapshot');

  before(async () => {
    dir = await makeTempDir('spool-restart');
    standIn = await startClickHouseStandIn({ dataDir: join(dir.path, 'standin') });
    direct = createClient({ url: standIn.url, log: { level: ClickHouseLogLevel.OFF } });
    env = {
      RAGTRACE_CLICKHOUSE_URL: standIn.url.toString(),
      RAGTRACE_DATABASE: DATABASE,
      RAGTRACE_DATA_DIR: join(dir.path, 'data'),
      RAGTRACE_BATCH_MAX_DELAY_MS: '20',
    };
  });
  after(async () => {
    await collector?.stop('SIGKILL');
    standIn.setFault('none');
    await direct.close();
    await standIn.close();
    await dir.remove();
  });

  const drained = (url: string) =>
    waitUntil(async () => (await metricValue(url, 'ragtrace_spool_records')) === 0, 'the spool to drain');

  it('replays at start-up what a killed collector acknowledged from the spool', async () => {
    collector = await startCollectorProcess(env);
    standIn.setFault('fail');
    for (const request of REQUESTS) {
      assert.equal((await postTraces(collector.url, spanRequest(request, SPANS_PER_REQUEST))).status, 200);
    }
    assert.equal(await collector.stop('SIGKILL'), null);
    assert.ok((await readdir(spoolDir())).length > 0, 'the acknowledged requests wait in the spool');
    // What the spool held when the process died, for the next test.
    await cp(spoolDir(), snapshotDir(), { recursive: true });

    standIn.setFault('none');
    collector = await startCollectorProcess(env);
    await drained(collector.url);
    assert.deepEqual(await storedCopies(direct, DATABASE, REQUESTS), eachOnce(REQUESTS, SPANS_PER_REQUEST));
    assert.deepEqual(await readdir(spoolDir()), [], 'replayed segments are deleted');
  });

  it('stores nothing twice when a replay runs again on records stored just before a kill -9, and skips a torn tail', async () => {
    assert.ok(collector);
    assert.equal(await collector.stop('SIGKILL'), null);
    // As if the process died between storing the records and deleting their segment, halfway
    // through appending one more record.
    await cp(snapshotDir(), spoolDir(), { recursive: true });
    const segments = (await readdir(spoolDir())).sort();
    await appendFile(join(spoolDir(), segments.at(-1)!), Buffer.from([0x40, 0, 0, 0, 1, 2, 3]));

    collector = await startCollectorProcess(env);
    await drained(collector.url);
    assert.deepEqual(await storedCopies(direct, DATABASE, REQUESTS), eachOnce(REQUESTS, SPANS_PER_REQUEST));
    assert.equal(
      await metricValue(collector.url, 'ragtrace_deduplicated_spans_total'),
      REQUESTS.length * SPANS_PER_REQUEST,
    );
    assert.match(collector.stderr(), /spool segment ends in bytes that hold no intact record/);
  });
});
