import { createContextKey, ROOT_CONTEXT, TraceFlags, type Context } from '@opentelemetry/api';
import type { LogRecordProcessor, SdkLogRecord } from '@opentelemetry/sdk-logs';

const TRACE_TARGET_KEY = createContextKey('ragtrace.score.trace');

/**
 * A context that makes the next log record belong to a whole trace rather than to one span.
 * The Logs SDK only takes trace context from a valid span context, which needs a span id, so
 * {@link TraceTargetProcessor} sets the trace id on the record instead.
 */
export function contextForTrace(traceId: string): Context {
  return ROOT_CONTEXT.setValue(TRACE_TARGET_KEY, traceId);
}

/** Gives records emitted in a {@link contextForTrace} context that trace's id, and no span id. */
export class TraceTargetProcessor implements LogRecordProcessor {
  onEmit(logRecord: SdkLogRecord, context?: Context): void {
    const traceId = context?.getValue(TRACE_TARGET_KEY);
    if (typeof traceId === 'string') {
      logRecord.spanContext = { traceId, spanId: '', traceFlags: TraceFlags.SAMPLED };
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
