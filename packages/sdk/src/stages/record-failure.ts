import { SpanStatusCode } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@ragtrace/semconv';

/** The semantic conventions' fallback when an error has no meaningful type. */
const OTHER_ERROR_TYPE = '_OTHER';

/**
 * A low-cardinality `error.type`: a custom `name` (AbortError, TypeError) if the error has one,
 * otherwise its class, so subclasses that don't set `name` are still told apart.
 */
function errorType(error: unknown): string {
  if (!(error instanceof Error)) return OTHER_ERROR_TYPE;
  if (error.name !== 'Error') return error.name;
  return error.constructor.name || OTHER_ERROR_TYPE;
}

export function recordFailure(span: Span, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  span.recordException(error instanceof Error ? error : message);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  span.setAttribute(ATTR_ERROR_TYPE, errorType(error));
}
