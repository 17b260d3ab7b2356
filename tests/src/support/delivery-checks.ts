import type { ClickHouseClient } from '@clickhouse/client';

/** Trace id of request `request`: deterministic, so a test knows which spans each request carried. */
export const traceIdOf = (request: number): string => `5e0015${request.toString(16).padStart(26, '0')}`;
export const spanIdOf = (request: number, span: number): string =>
  `${request.toString(16).padStart(8, '0')}${span.toString(16).padStart(8, '0')}`;

const START_NANOS = 1_767_225_600_000_000_000n; // 2026-01-01T00:00:00Z

/** One OTLP/JSON trace export of `spans` spans, all of trace `traceIdOf(request)`; `padding` bytes of attribute make it bigger. */
export function spanRequest(request: number, spans: number, padding = 0): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'spool-e2e' } }] },
        scopeSpans: [
          {
            scope: { name: 'delivery-checks' },
            spans: Array.from({ length: spans }, (_, span) => ({
              traceId: traceIdOf(request),
              spanId: spanIdOf(request, span + 1),
              name: `step-${span}`,
              kind: 1,
              startTimeUnixNano: String(START_NANOS + BigInt(request * 1000 + span) * 1_000_000n),
              endTimeUnixNano: String(START_NANOS + BigInt(request * 1000 + span + 1) * 1_000_000n),
              attributes:
                padding > 0 ? [{ key: 'padding', value: { stringValue: 'x'.repeat(padding) } }] : [],
            })),
          },
        ],
      },
    ],
  });
}

/** POSTs an OTLP/JSON trace export and returns the response (status, Retry-After). */
export function postTraces(collectorUrl: string, body: string): Promise<Response> {
  return fetch(`${collectorUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
}

/** The value of one series of the collector's /metrics, summed over series when `labels` is omitted. */
export async function metricValue(collectorUrl: string, name: string, labels?: string): Promise<number> {
  const text = await (await fetch(`${collectorUrl}/metrics`)).text();
  let sum = 0;
  for (const match of text.matchAll(/^([a-z_]+)(\{[^}]*\})? (\S+)$/gm)) {
    if (match[1] === name && (labels === undefined || match[2] === `{${labels}}`)) sum += Number(match[3]);
  }
  return sum;
}

/** Polls `condition` until it holds, failing with `what` after `timeoutMs`. */
export async function waitUntil(
  condition: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** How many copies of each stored span of the given requests `database.otel_traces` holds, by span id. */
export async function storedCopies(
  client: ClickHouseClient,
  database: string,
  requests: readonly number[],
): Promise<Map<string, number>> {
  const result = await client.query({
    query: `SELECT SpanId, count() AS copies FROM ${database}.otel_traces
            WHERE TraceId IN {traces:Array(String)} GROUP BY SpanId`,
    query_params: { traces: requests.map(traceIdOf) },
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ SpanId: string; copies: string }>();
  return new Map(rows.map((row) => [row.SpanId, Number(row.copies)]));
}

/** Every span of `requests` (of `spans` spans each) stored exactly once, as a map to compare against. */
export function eachOnce(requests: readonly number[], spans: number): Map<string, number> {
  return new Map(
    requests.flatMap((request) =>
      Array.from({ length: spans }, (_, span) => [spanIdOf(request, span + 1), 1] as const),
    ),
  );
}
