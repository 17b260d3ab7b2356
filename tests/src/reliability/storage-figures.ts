import type { ClickHouseClient } from '@clickhouse/client';

/** Active data parts of otel_traces: what many tiny inserts would multiply. */
export async function activeTraceParts(sql: ClickHouseClient, database = 'otel'): Promise<number> {
  const result = await sql.query({
    query: `SELECT count() AS n FROM system.parts
            WHERE database = {database:String} AND table = 'otel_traces' AND active`,
    query_params: { database },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ n: string }>();
  return Number(row!.n);
}

/** Inserts the collector made so far, read from its /metrics (the insert duration histogram's count). */
export async function insertCount(collectorUrl: string): Promise<number> {
  return metricValue(collectorUrl, 'ragtrace_insert_duration_seconds_count');
}

/** OTLP trace requests the collector answered so far, by status, from its /metrics. */
export async function answeredTraceRequests(collectorUrl: string): Promise<Record<string, number>> {
  const metrics = await (await fetch(`${collectorUrl}/metrics`)).text();
  const byStatus: Record<string, number> = {};
  for (const match of metrics.matchAll(/^ragtrace_http_requests_total\{([^}]*)\} (\d+)/gm)) {
    const labels = Object.fromEntries([...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (labels.route === '/v1/traces') byStatus[labels.status!] = Number(match[2]);
  }
  return byStatus;
}

/** Sum of a metric's series in the collector's /metrics (0 when it has none yet). */
export async function metricValue(collectorUrl: string, name: string): Promise<number> {
  const metrics = await (await fetch(`${collectorUrl}/metrics`)).text();
  const series = [...metrics.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)`, 'gm'))];
  return series.reduce((sum, match) => sum + Number(match[1]), 0);
}

/**
 * Waits until the collector's spool holds no record (everything spooled was replayed) and
 * says whether that happened within `timeoutMs`.
 */
export async function spoolDrained(collectorUrl: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while ((await metricValue(collectorUrl, 'ragtrace_spool_records')) > 0) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return true;
}
