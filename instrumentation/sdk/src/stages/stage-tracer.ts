import { trace } from '@opentelemetry/api';
import type { Tracer } from '@opentelemetry/api';
import { SDK_VERSION } from '../version.js';

export const INSTRUMENTATION_SCOPE = '@ragtrace/sdk';

/** Looked up per span, so spans follow whichever provider is registered now (setup can be redone). */
export function stageTracer(): Tracer {
  return trace.getTracer(INSTRUMENTATION_SCOPE, SDK_VERSION);
}
