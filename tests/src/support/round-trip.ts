import type { ClickHouseClient } from '@clickhouse/client';
import assert from 'node:assert/strict';
import { expectedRow, STORED_ROWS_QUERY, type ExpectedRow } from './expected-row.js';
import { assertExported, exportSpans, type ExporterKind } from './export-spans.js';
import { recordFixtureSpans } from './span-fixtures.js';

export const EXPORTER_VARIANTS: Array<{ kind: ExporterKind; gzip: boolean }> = [
  { kind: 'protobuf', gzip: false },
  { kind: 'protobuf', gzip: true },
  { kind: 'json', gzip: false },
  { kind: 'json', gzip: true },
];

/**
 * Sends the fixture spans with one exporter variant and checks every stored field against
 * what the SDK recorded. Each variant uses its own service name so runs don't mix.
 */
export async function assertRoundTrip(
  collectorUrl: string,
  sql: ClickHouseClient,
  variant: { kind: ExporterKind; gzip: boolean },
): Promise<void> {
  const service = `roundtrip-${variant.kind}-${variant.gzip ? 'gzip' : 'plain'}`;
  const spans = await recordFixtureSpans(service);
  assertExported(await exportSpans(collectorUrl, spans, variant.kind, variant.gzip));

  const expected = spans.map(expectedRow).sort(byStartThenId);
  const traceIds = [...new Set(expected.map((row) => row.TraceId))];
  const result = await sql.query({
    query: STORED_ROWS_QUERY,
    query_params: { traceIds, service },
    format: 'JSONEachRow',
  });
  const stored = await result.json<ExpectedRow>();
  assert.equal(stored.length, expected.length, 'every span stored exactly once');
  for (const [index, want] of expected.entries()) {
    const got = stored[index]!;
    for (const field of Object.keys(want) as Array<keyof ExpectedRow>) {
      if (field === 'SpanAttributes') continue;
      assert.deepEqual(got[field], want[field], `${want.SpanName}: ${field}`);
    }
    assertOriginalsKept(want.SpanName, got.SpanAttributes, want.SpanAttributes);
  }
}

function byStartThenId(a: ExpectedRow, b: ExpectedRow): number {
  const start = BigInt(a.StartNs) - BigInt(b.StartNs);
  if (start !== 0n) return start < 0n ? -1 : 1;
  return a.SpanId < b.SpanId ? -1 : a.SpanId > b.SpanId ? 1 : 0;
}

/**
 * Every attribute the SDK recorded is stored unchanged; what normalization adds on ingest
 * (canonical GenAI keys, the RAG stage) may come on top, and nothing else.
 */
function assertOriginalsKept(
  span: string,
  stored: Record<string, string>,
  sent: Record<string, string>,
): void {
  for (const [key, value] of Object.entries(sent)) {
    assert.equal(stored[key], value, `${span}: SpanAttributes[${JSON.stringify(key)}]`);
  }
  const added = Object.keys(stored).filter((key) => !(key in sent));
  for (const key of added) {
    assert.match(key, /^(gen_ai|ragtrace)\./, `${span}: unexpected attribute ${key} added on ingest`);
  }
}
