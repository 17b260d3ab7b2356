import type { ClickHouseClient } from '@clickhouse/client';
import assert from 'node:assert/strict';
import { readLedger, type LedgerAttempt } from './ledger.js';
import { isRetryable } from './retry-policy.js';

export interface AuditFigures {
  requests: number;
  attempts: number;
  /** Distinct span ids in the ledger. */
  spansSent: number;
  /** Spans of requests with an acknowledged attempt. */
  spansAcked: number;
  /** Distinct ledger spans found in storage. */
  spansStored: number;
  /** Extra stored copies beyond the first, over every stored span of the run's services. */
  duplicates: number;
  /** Acknowledged spans missing from storage (but for those the scenario destroyed, see `destroyed`). */
  lost: number;
  /** Acknowledged spans the scenario destroyed on purpose that are missing from storage. */
  lostAsDestroyed: number;
  /** Stored spans of the run's services that no request carried. */
  strangers: number;
  /** Spans of requests refused for good (a 4xx, or 200 rejecting them) found in storage anyway. */
  refusedButStored: number;
  /** Spans never acknowledged and stored anyway: allowed (a lost answer), worth knowing. */
  unacknowledgedStored: number;
  /** Attempts by answer: HTTP status, or the error when none arrived. */
  statuses: Record<string, number>;
  /** Unacknowledged requests whose last answer was neither retryable nor a refusal for good. */
  unexplainedFinals: number;
  /** Unacknowledged requests whose last attempt got no answer at all. */
  unansweredFinals: number;
}

export interface AuditOptions {
  ledgerPath: string;
  /** Reads storage: the collector's /clickhouse endpoint, or the ClickHouse server itself. */
  sql: ClickHouseClient;
  /** The run's services: this one, and those named `<serviceName>/…` after it. */
  serviceName: string;
  database?: string;
  /**
   * Span ids the scenario destroyed on purpose (it damaged the spool record that held them, and
   * knows which): their absence is the loss the collector reported, counted apart from `lost`.
   */
  destroyed?: ReadonlySet<string>;
}

/**
 * Reads the ledger and storage and counts what the audit must prove: every acknowledged span
 * stored exactly once, nothing stored that was never sent, and every request left
 * unacknowledged told why in a way a client can act on.
 */
export async function auditRun(options: AuditOptions): Promise<AuditFigures> {
  const ledger = await readLedger(options.ledgerPath);
  const stored = await storedSpanCounts(options);
  const byRequest = groupByRequest(ledger);
  const sent = new Set<string>();
  const acked = new Set<string>();
  const refused = new Set<string>();
  const statuses: Record<string, number> = {};
  let unexplainedFinals = 0;
  let unansweredFinals = 0;
  for (const attempts of byRequest.values()) {
    for (const attempt of attempts) {
      const key = attempt.status === null ? (attempt.error ?? 'no answer') : String(attempt.status);
      statuses[key] = (statuses[key] ?? 0) + 1;
      attempt.spanIds.forEach((id) => sent.add(id));
    }
    const last = attempts[attempts.length - 1]!;
    if (attempts.some((attempt) => attempt.acknowledged)) {
      last.spanIds.forEach((id) => acked.add(id));
    } else if (last.status === null) {
      unansweredFinals++;
    } else if (isRefusedForGood(last)) {
      last.spanIds.forEach((id) => refused.add(id));
    } else if (!isRetryable(last.status)) {
      unexplainedFinals++;
    }
  }
  const count = (ids: Iterable<string>, keep: (id: string) => boolean) => [...ids].filter(keep).length;
  return {
    requests: byRequest.size,
    attempts: ledger.length,
    spansSent: sent.size,
    spansAcked: acked.size,
    spansStored: count(sent, (id) => stored.has(id)),
    duplicates: [...stored.values()].reduce((sum, n) => sum + n - 1, 0),
    lost: count(acked, (id) => !stored.has(id) && !options.destroyed?.has(id)),
    lostAsDestroyed: count(acked, (id) => !stored.has(id) && options.destroyed?.has(id) === true),
    strangers: count(stored.keys(), (id) => !sent.has(id)),
    refusedButStored: count(refused, (id) => stored.has(id)),
    unacknowledgedStored: count(sent, (id) => !acked.has(id) && stored.has(id)),
    statuses,
    unexplainedFinals,
    unansweredFinals,
  };
}

/**
 * Fails with the figures when the audit's promises do not hold. `allowUnanswered` is for runs
 * whose client gave up on a collector that never came back (nothing else may be unanswered).
 */
export function assertAuditHolds(figures: AuditFigures, { allowUnanswered = false } = {}): void {
  const problems = {
    lost: figures.lost,
    duplicates: figures.duplicates,
    strangers: figures.strangers,
    refusedButStored: figures.refusedButStored,
    unexplainedFinals: figures.unexplainedFinals,
    unansweredFinals: allowUnanswered ? 0 : figures.unansweredFinals,
  };
  assert.deepEqual(
    problems,
    { lost: 0, duplicates: 0, strangers: 0, refusedButStored: 0, unexplainedFinals: 0, unansweredFinals: 0 },
    `audit failed: ${JSON.stringify(figures)}`,
  );
}

/** A 4xx, or a 200 whose partial_success refused every span: a client must not resend it. */
function isRefusedForGood(attempt: LedgerAttempt): boolean {
  if (attempt.status === null) return false;
  if (attempt.status === 200) return (attempt.rejectedSpans ?? 0) > 0;
  return attempt.status >= 400 && attempt.status < 500 && !isRetryable(attempt.status);
}

function groupByRequest(ledger: LedgerAttempt[]): Map<number, LedgerAttempt[]> {
  const byRequest = new Map<number, LedgerAttempt[]>();
  for (const entry of ledger) {
    const attempts = byRequest.get(entry.request) ?? [];
    attempts.push(entry);
    byRequest.set(entry.request, attempts);
  }
  for (const attempts of byRequest.values()) attempts.sort((a, b) => a.attempt - b.attempt);
  return byRequest;
}

async function storedSpanCounts(options: AuditOptions): Promise<Map<string, number>> {
  const result = await options.sql.query({
    query: `SELECT SpanId AS id, count() AS n FROM ${options.database ?? 'otel'}.otel_traces
            WHERE ServiceName = {service:String} OR startsWith(ServiceName, concat({service:String}, '/'))
            GROUP BY SpanId`,
    query_params: { service: options.serviceName },
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ id: string; n: string }>();
  return new Map(rows.map((row) => [row.id, Number(row.n)]));
}
