import { ATTR_RAGTRACE_PROJECT } from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newSpanRow } from '../../otlp/values/new-span-row.js';
import type { ClickHouseStorage } from '../../storage/clickhouse-storage.js';
import type { BatchWriter } from '../batch-writer.js';
import type { SpanRow } from '../../storage/span-row.js';
import { RejectedByStorageError } from '../ingest-errors.js';
import { createStoredSpanFilter } from './stored-span-filter.js';
import { openFilteredWriter } from './test-support/filtered-writer.js';
import { GOOD_TRACE_ID, writeAroundPoisonedSpan } from '../test-support/poisoned-span-batch.js';

const BASE_NANOS = 1_700_000_000_000_000_000n;

function span(trace: number, spanNumber: number, service = 'svc'): SpanRow {
  return {
    ...newSpanRow(),
    Timestamp: String(BASE_NANOS + BigInt(trace * 1_000_000 + spanNumber)),
    TraceId: trace.toString(16).padStart(32, '0'),
    SpanId: spanNumber.toString(16).padStart(16, '0'),
    SpanName: `op-${spanNumber % 3}`,
    ServiceName: service,
  };
}

describe('stored span filter (on chDB)', () => {
  let storage: ClickHouseStorage;
  let duplicates = 0;
  let writer: BatchWriter;
  let close: () => Promise<void>;

  before(async () => {
    ({ storage, writer, close } = await openFilteredWriter(
      'otel_traces',
      createStoredSpanFilter,
      (count) => (duplicates += count),
    ));
  });
  after(() => close());

  const countsBySpan = (trace: number) =>
    storage.queryRows<{ SpanId: string; copies: string }>(
      `SELECT SpanId, count() AS copies FROM otel.otel_traces WHERE TraceId = {trace:String} GROUP BY SpanId ORDER BY SpanId`,
      { trace: trace.toString(16).padStart(32, '0') },
    );

  it('stores a resent span once, and a span repeated within one batch once', async () => {
    duplicates = 0;
    await writer.write([span(1, 1), span(1, 2)]);
    // A resend of span 2, merged into one insert with a new span 3 sent twice.
    await Promise.all([writer.write([span(1, 2), span(1, 3)]), writer.write([span(1, 3)])]);
    assert.deepEqual(
      (await countsBySpan(1)).map((row) => [row.SpanId, Number(row.copies)]),
      [
        [span(1, 1).SpanId, 1],
        [span(1, 2).SpanId, 1],
        [span(1, 3).SpanId, 1],
      ],
    );
    assert.equal(duplicates, 2);
  });

  it('keeps spans that share a span id with a stored one but belong to another trace', async () => {
    duplicates = 0;
    await writer.write([span(2, 7)]);
    await writer.write([span(3, 7)]);
    assert.equal((await countsBySpan(3)).length, 1);
    assert.equal(duplicates, 0);
  });

  it("keeps another project's span with the same ids: one project can't suppress another's data", async () => {
    duplicates = 0;
    const inProject = (project: string): SpanRow => ({
      ...span(9, 1),
      ResourceAttributes: { [ATTR_RAGTRACE_PROJECT]: project },
    });
    await writer.write([inProject('a')]);
    await writer.write([inProject('b')]);
    await writer.write([inProject('b')]);
    const counts = await countsBySpan(9);
    assert.deepEqual(
      counts.map((row) => [row.SpanId, Number(row.copies)]),
      [['0000000000000001', 2]],
    );
    assert.equal(duplicates, 1);
  });

  it('finds every stored span of a large resent batch (looked up in chunks)', async () => {
    duplicates = 0;
    const batch = Array.from({ length: 2500 }, (_, i) => span(4, i + 1, `svc-${i % 4}`));
    await writer.write(batch);
    await writer.write(batch);
    const counts = await countsBySpan(4);
    assert.equal(counts.length, 2500);
    assert.ok(counts.every((row) => Number(row.copies) === 1));
    assert.equal(duplicates, 2500);
  });

  it('fails only the write whose span no look-up or insert can take (a lone surrogate), storing the others', async () => {
    const [before, poisoned, after] = await writeAroundPoisonedSpan(writer);
    assert.equal(before.status, 'fulfilled');
    assert.equal(after.status, 'fulfilled');
    assert.ok(poisoned.status === 'rejected' && poisoned.reason instanceof RejectedByStorageError);
    const stored = await storage.queryRows<{ SpanName: string }>(
      'SELECT SpanName FROM otel.otel_traces WHERE TraceId = {trace:String} ORDER BY SpanName',
      { trace: GOOD_TRACE_ID },
    );
    assert.deepEqual(stored, [{ SpanName: 'after' }, { SpanName: 'before' }]);
  });
});

describe('stored span filter look-ups', () => {
  /** The URL query a look-up's parameters make against a server, as ClickHouse's HTTP interface reads them. */
  const urlQuery = (params: Record<string, unknown>) =>
    new URLSearchParams(
      Object.entries(params).map(([name, value]): [string, string] => [
        `param_${name}`,
        Array.isArray(value)
          ? `[${value.map((item: string) => `'${item.replace(/[\\']/g, '\\$&')}'`).join(',')}]`
          : String(value),
      ]),
    ).toString();

  it('stay small enough for what fronts a server (under 8 KiB of URL), and look up every span once', async () => {
    const lookups: Array<Record<string, unknown>> = [];
    const storage = {
      database: 'otel',
      queryRows: async <T>(_query: string, params?: Record<string, unknown>) => {
        lookups.push(params!);
        return [] as T[];
      },
    };
    const filter = createStoredSpanFilter(storage, () => {});
    // Long names full of characters that take escaping and URL encoding, beside plain ones.
    const batch = Array.from({ length: 2500 }, (_, i) => ({
      ...span(5, i + 1, `svc-${i % 7}`),
      SpanName: i % 2 === 0 ? `op-${i % 3}` : `retrieve 'docs' \\ für «${i}» ${'x'.repeat(200)}`,
    }));
    assert.equal((await filter(batch)).length, batch.length);
    const largest = Math.max(...lookups.map((params) => urlQuery(params).length));
    assert.ok(largest <= 8 * 1024, `a look-up of ${largest} bytes of URL`);
    const lookedUp = lookups.flatMap((params) => params['spanIds'] as string[]);
    assert.equal(new Set(lookedUp).size, batch.length);
    assert.ok(lookups.length < batch.length / 10, `${lookups.length} look-ups for ${batch.length} spans`);
  });
});
