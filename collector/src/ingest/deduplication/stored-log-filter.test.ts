import { ATTR_RAGTRACE_PROJECT } from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nanosText } from '../../otlp/values/nanos-text.js';
import { newLogRow } from '../../otlp/values/new-log-row.js';
import type { ClickHouseStorage } from '../../storage/clickhouse-storage.js';
import type { BatchWriter } from '../batch-writer.js';
import type { LogRow } from '../../storage/log-row.js';
import { createStoredLogFilter } from './stored-log-filter.js';
import { openFilteredWriter } from './test-support/filtered-writer.js';

const BASE_NANOS = 1_700_000_000_123_456_789n;

/** A log record of `service` at BASE_NANOS + `offset` ns, with two attributes. */
function record(service: string, offset = 0n, changes: Partial<LogRow> = {}): LogRow {
  return {
    ...newLogRow(),
    Timestamp: nanosText(BASE_NANOS + offset),
    TraceId: '5b8efff798038103d269b633813fc60c',
    SpanId: 'eee19b7ec3c1b174',
    ServiceName: service,
    SeverityNumber: 9,
    Body: 'retrieved 3 documents',
    ScopeName: 'app',
    LogAttributes: { 'doc.count': '3', 'a.first': 'x' },
    ...changes,
  };
}

describe('stored log filter (on chDB)', () => {
  let storage: ClickHouseStorage;
  let duplicates = 0;
  let writer: BatchWriter;
  let close: () => Promise<void>;

  before(async () => {
    ({ storage, writer, close } = await openFilteredWriter(
      'otel_logs',
      createStoredLogFilter,
      (count) => (duplicates += count),
    ));
  });
  after(() => close());

  /** What a user querying the service's records sees: body, exact timestamp and copies of each. */
  const stored = async (service: string) =>
    (
      await storage.queryRows<{ Body: string; Nanos: string; Project: string; copies: string }>(
        `SELECT Body, toString(toUnixTimestamp64Nano(Timestamp)) AS Nanos,
           ResourceAttributes[{project:String}] AS Project, count() AS copies
         FROM otel.otel_logs WHERE ServiceName = {service:String}
         GROUP BY Body, Nanos, Project, LogAttributes ORDER BY Nanos, Body, Project, copies`,
        { service, project: ATTR_RAGTRACE_PROJECT },
      )
    ).map((row) => [row.Body, BigInt(row.Nanos) - BASE_NANOS, row.Project, Number(row.copies)]);

  it('stores a resent record once, and a record repeated within one batch once', async () => {
    duplicates = 0;
    await writer.write([record('resend'), record('resend', 1n, { Body: 'second' })]);
    // A resend of both, its attributes in another order, merged into one insert with a new
    // record sent twice.
    const reordered = record('resend', 0n, { LogAttributes: { 'a.first': 'x', 'doc.count': '3' } });
    await Promise.all([
      writer.write([
        reordered,
        record('resend', 1n, { Body: 'second' }),
        record('resend', 2n, { Body: 'third' }),
      ]),
      writer.write([record('resend', 2n, { Body: 'third' })]),
    ]);
    assert.deepEqual(await stored('resend'), [
      ['retrieved 3 documents', 0n, '', 1],
      ['second', 1n, '', 1],
      ['third', 2n, '', 1],
    ]);
    assert.equal(duplicates, 3);
  });

  it('stores a resent record that carries no time (Timestamp 0) once', async () => {
    duplicates = 0;
    const timeless = { ...record('timeless'), Timestamp: newLogRow().Timestamp };
    await writer.write([timeless]);
    await writer.write([timeless]);
    assert.deepEqual(await stored('timeless'), [['retrieved 3 documents', -BASE_NANOS, '', 1]]);
    assert.equal(duplicates, 1);
  });

  it('keeps records that differ only in body, in one attribute, or by 1 ns', async () => {
    duplicates = 0;
    await writer.write([record('near')]);
    await writer.write([
      record('near', 0n, { Body: 'retrieved 4 documents' }),
      record('near', 0n, { LogAttributes: { 'doc.count': '4', 'a.first': 'x' } }),
      record('near', 1n),
    ]);
    assert.deepEqual(await stored('near'), [
      ['retrieved 3 documents', 0n, '', 1],
      ['retrieved 3 documents', 0n, '', 1],
      ['retrieved 4 documents', 0n, '', 1],
      ['retrieved 3 documents', 1n, '', 1],
    ]);
    assert.equal(duplicates, 0);
  });

  it("keeps another project's identical record: one project can't suppress another's data", async () => {
    duplicates = 0;
    const inProject = (project: string) =>
      record('projects', 0n, { ResourceAttributes: { [ATTR_RAGTRACE_PROJECT]: project } });
    await writer.write([inProject('a')]);
    await writer.write([inProject('b')]);
    await writer.write([inProject('b')]);
    assert.deepEqual(await stored('projects'), [
      ['retrieved 3 documents', 0n, 'a', 1],
      ['retrieved 3 documents', 0n, 'b', 1],
    ]);
    assert.equal(duplicates, 1);
  });

  it('finds every stored record of a large resent batch spread over days (looked up in chunks)', async () => {
    duplicates = 0;
    const day = 86_400_000_000_000n;
    const batch = Array.from({ length: 2500 }, (_, i) =>
      record(`bulk-${i % 4}`, BigInt(i) * (day / 1000n) + BigInt(i % 7), { Body: `line ${i}` }),
    );
    await writer.write(batch);
    await writer.write(batch);
    const counts = await storage.queryRows<{ rows: string; records: string }>(
      `SELECT count() AS rows, uniqExact(Body) AS records FROM otel.otel_logs WHERE startsWith(ServiceName, 'bulk-')`,
    );
    assert.deepEqual(
      counts.map((row) => [Number(row.rows), Number(row.records)]),
      [[2500, 2500]],
    );
    assert.equal(duplicates, 2500);
  });
});

describe('stored log filter look-ups', () => {
  it('stay within 8 KiB of URL and look up every record once', async () => {
    const lookups: Array<Record<string, unknown>> = [];
    const storage = {
      database: 'otel',
      queryRows: async <T>(_query: string, params?: Record<string, unknown>) => {
        lookups.push(params!);
        return [] as T[];
      },
    };
    const filter = createStoredLogFilter(storage, () => {});
    const batch = Array.from({ length: 2500 }, (_, i) =>
      record(i % 2 === 0 ? `svc-${i % 5}` : `svc 'quoted' \\ für «${i}» ${'x'.repeat(100)}`, BigInt(i)),
    );
    assert.equal((await filter(batch)).length, batch.length);
    const urlBytes = (params: Record<string, unknown>) =>
      new URLSearchParams(
        Object.entries(params).map(([name, value]): [string, string] => [
          `param_${name}`,
          Array.isArray(value)
            ? `[${value.map((item: unknown) => (typeof item === 'string' ? `'${item.replace(/[\\']/g, '\\$&')}'` : String(item))).join(',')}]`
            : String(value),
        ]),
      ).toString().length;
    const largest = Math.max(...lookups.map(urlBytes));
    assert.ok(largest <= 8 * 1024, `a look-up of ${largest} bytes of URL`);
    const lookedUp = lookups.flatMap((params) => (params['timestamps'] as bigint[]).map(String));
    assert.equal(new Set(lookedUp).size, batch.length);
    assert.ok(lookups.length < batch.length / 10, `${lookups.length} look-ups for ${batch.length} records`);
  });
});
