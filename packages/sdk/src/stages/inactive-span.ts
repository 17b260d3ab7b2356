import { INVALID_SPAN_CONTEXT, trace } from '@opentelemetry/api';
import type { StageSpanImpl } from '../internal-types.js';

/** Handed to `fn` when its span could not be started, so the call still runs, un-instrumented. */
export const INACTIVE_SPAN: StageSpanImpl = {
  span: trace.wrapSpanContext(INVALID_SPAN_CONTEXT),
  setUsage: () => undefined,
  setResponse: () => undefined,
  setDocuments: () => undefined,
  setOutput: () => undefined,
};
