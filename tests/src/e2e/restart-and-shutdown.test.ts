import { createClient } from '@clickhouse/client';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCollectorProcess } from '../support/collector-process.js';
import { assertExported, exportSpans } from '../support/export-spans.js';
import { recordFixtureSpans } from '../support/span-fixtures.js';
import { makeTempDir } from '../support/temp-dir.js';

async function countSpans(url: string, service: string): Promise<number> {
  const sql = createClient({ url, pathname: '/clickhouse' });
  try {
    const result = await sql.query({
      query: 'SELECT count() AS n FROM otel.otel_traces WHERE ServiceName = {s:String}',
      query_params: { s: service },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ n: string }>();
    return Number(row!.n);
  } finally {
    await sql.close();
  }
}

/** Resolves once the collector's /metrics count at least `count` received spans. */
async function receivedSpans(url: string, count: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const received = /^ragtrace_received_spans_total (\d+)/m.exec(metrics);
    if (received && Number(received[1]) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the collector never counted ${count} received spans`);
}

describe('collector process: graceful shutdown and restart', () => {
  let dataDir: Awaited<ReturnType<typeof makeTempDir>>;
  before(async () => {
    dataDir = await makeTempDir('restart');
  });
  after(() => dataDir.remove());

  it('answers an in-flight request, stores it, exits 0 on SIGTERM, and serves the data after a restart', async () => {
    // A long batch delay keeps the request waiting for its insert when the signal arrives.
    const first = await startCollectorProcess({
      RAGTRACE_DATA_DIR: dataDir.path,
      RAGTRACE_BATCH_MAX_DELAY_MS: '30000',
    });
    const spans = await recordFixtureSpans('before-restart');
    const exported = exportSpans(first.url, spans, 'protobuf', true);
    await receivedSpans(first.url, spans.length); // the request is in, its insert pending
    const exitCode = await first.stop('SIGTERM');
    assertExported(await exported);
    assert.equal(exitCode, 0, first.stderr());
    assert.match(first.stderr(), /stopped/);

    const second = await startCollectorProcess({ RAGTRACE_DATA_DIR: dataDir.path });
    try {
      assert.equal(await countSpans(second.url, 'before-restart'), spans.length);
    } finally {
      assert.equal(await second.stop('SIGINT'), 0, second.stderr());
    }
  });

  it('stops start-up with a message naming the variable, the value and what is accepted', async () => {
    await assert.rejects(
      startCollectorProcess({ RAGTRACE_DATA_DIR: dataDir.path, RAGTRACE_PORT: 'eighty' }),
      /Invalid RAGTRACE_PORT="eighty": expected an integer from 0 to 65535/,
    );
  });
});
