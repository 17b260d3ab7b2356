import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { reportTelemetryFailure } from '../diag-guard.js';

/** The OTLP exporters' default timeout: a collector slower than that is as good as down. */
const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * POSTs one JSON document to the collector. Resolves true once it is accepted; any failure
 * (unreachable, timeout, refusal) goes to diag and resolves false, never into the application.
 */
export async function deliverRunRecord(
  url: URL,
  headers: Record<string, string>,
  document: object,
  activity: string,
): Promise<boolean> {
  try {
    // Suppressed so an instrumented fetch (undici instrumentation) records no span of its own.
    const response = await context.with(suppressTracing(context.active()), () =>
      fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(document),
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      }),
    );
    const answer = await response.text();
    if (!response.ok) {
      reportTelemetryFailure(activity, new Error(`${url.href} answered ${response.status}: ${answer}`));
      return false;
    }
    return true;
  } catch (error) {
    reportTelemetryFailure(activity, error);
    return false;
  }
}
