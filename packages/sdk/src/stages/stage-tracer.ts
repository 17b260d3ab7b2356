import { trace } from '@opentelemetry/api';
import type { Tracer, TracerProvider } from '@opentelemetry/api';
import { SDK_VERSION } from '../version.js';

export const INSTRUMENTATION_SCOPE = '@ragtrace/sdk';

let lookedUp: { readonly provider: TracerProvider; readonly tracer: Tracer } | undefined;

/**
 * Spans follow whichever provider is registered now (setup can be redone). Registering anew
 * (after `trace.disable()`) replaces the global provider object, so the tracer is looked up
 * again only then rather than per span.
 */
export function stageTracer(): Tracer {
  const provider = trace.getTracerProvider();
  if (lookedUp?.provider !== provider) {
    lookedUp = { provider, tracer: provider.getTracer(INSTRUMENTATION_SCOPE, SDK_VERSION) };
  }
  return lookedUp.tracer;
}
