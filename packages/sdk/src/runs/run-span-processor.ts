import type { Context } from '@opentelemetry/api';
import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace-node';
import {
  ATTR_RAGTRACE_EXPERIMENT_NAME,
  ATTR_RAGTRACE_RUN_ID,
  ATTR_RAGTRACE_RUN_NAME,
} from '@ragtrace/semconv';
import { runFromContext } from './run-context.js';

/**
 * Stamps every span started while a run is active (`run.within`) with the run's id, experiment
 * and name. Doing it at span start, from the parent context, covers spans of any
 * instrumentation — not just ragtrace's helpers — and lets per-run queries skip joins.
 * setupTracing installs it; add it yourself when you build your own tracer provider.
 */
export class RunSpanProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const run = runFromContext(parentContext);
    if (run === undefined) return;
    span.setAttribute(ATTR_RAGTRACE_RUN_ID, run.id);
    span.setAttribute(ATTR_RAGTRACE_EXPERIMENT_NAME, run.experiment);
    if (run.name !== '') span.setAttribute(ATTR_RAGTRACE_RUN_NAME, run.name);
  }

  onEnd(): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
