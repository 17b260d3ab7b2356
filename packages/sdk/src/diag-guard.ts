import { diag } from '@opentelemetry/api';

/** Where telemetry failures go: OTel's diag logger, never the host application. */
export function reportTelemetryFailure(activity: string, error: unknown): void {
  diag.error(`@ragtrace/sdk: ${activity} failed`, error);
}

/**
 * Runs telemetry work that must never disturb the host application: a failure is reported and
 * swallowed, and the caller carries on un-instrumented.
 */
export function guarded<T>(activity: string, work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    reportTelemetryFailure(activity, error);
    return undefined;
  }
}
