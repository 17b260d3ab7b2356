import { ClickHouseError, ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startClickHouseStandIn, type ClickHouseStandIn } from './clickhouse-standin.js';
import { makeTempDir } from './temp-dir.js';

describe('ClickHouse stand-in: a plain @clickhouse/client over HTTP', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let standIn: ClickHouseStandIn;
  let client: ClickHouseClient;

  before(async () => {
    dir = await makeTempDir('standin-test');
    standIn = await startClickHouseStandIn({ dataDir: dir.path });
    client = createClient({ url: standIn.url, log: { level: ClickHouseLogLevel.OFF } });
  });
  after(async () => {
    await client.close();
    await standIn.close();
    await dir.remove();
  });

  it('pings', async () => {
    assert.deepEqual(await client.ping(), { success: true });
  });

  it('creates a database and a table, inserts JSONEachRow rows and reads them back', async () => {
    await client.command({ query: 'CREATE DATABASE IF NOT EXISTS app' });
    await client.command({
      query:
        'CREATE TABLE app.events (id UInt32, name String, at DateTime64(3)) ENGINE = MergeTree ORDER BY id',
    });
    const rows = [
      { id: 1, name: 'retrieve', at: '2025-01-02 03:04:05.678' },
      { id: 2, name: "it's \\ tricky", at: '2025-01-02 03:04:06.000' },
    ];
    await client.insert({ table: 'app.events', values: rows, format: 'JSONEachRow' });

    // A client whose database is `app` reads unqualified names there, as against a server.
    const inApp = createClient({ url: standIn.url, database: 'app', log: { level: ClickHouseLogLevel.OFF } });
    try {
      const result = await inApp.query({
        query: 'SELECT id, name, at FROM events ORDER BY id',
        format: 'JSONEachRow',
      });
      assert.deepEqual(await result.json(), rows);
    } finally {
      await inApp.close();
    }
  });

  it('takes gzip-compressed inserts', async () => {
    const compressing = createClient({
      url: standIn.url,
      compression: { request: true },
      log: { level: ClickHouseLogLevel.OFF },
    });
    try {
      await compressing.command({ query: 'CREATE TABLE default.numbers_seen (n UInt64) ENGINE = Memory' });
      await compressing.insert({
        table: 'numbers_seen',
        values: Array.from({ length: 1000 }, (_, n) => ({ n })),
        format: 'JSONEachRow',
      });
      const result = await compressing.query({
        query: 'SELECT count() AS c, sum(n) AS s FROM numbers_seen',
        format: 'JSON',
      });
      const [totals] = (await result.json<{ c: string | number; s: string | number }>()).data;
      assert.deepEqual([Number(totals?.c), Number(totals?.s)], [1000, 499500]);
    } finally {
      await compressing.close();
    }
  });

  it('reports ClickHouse errors as ClickHouseError with the engine code', async () => {
    await assert.rejects(client.query({ query: 'SELECT * FROM app.missing' }), (error: unknown) => {
      assert.ok(error instanceof ClickHouseError);
      assert.equal(error.code, '60');
      return true;
    });
  });
});
