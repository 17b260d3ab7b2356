import { ATTR_RAGTRACE_DROPPED_ATTRIBUTES_COUNT } from '@ragtrace/semconv';
import type { SpanRow } from '../storage/span-row.js';

/**
 * Keeps the first `maxAttributes` attributes of a span (in key order, which is the order the sender wrote them for non-numeric keys)
 * and drops the rest, recording how many in `ragtrace.dropped_attributes_count`: like an OTel
 * SDK's attribute count limit, the span survives and the loss is visible. Returns the number
 * dropped. Runs before normalization, so the canonical keys it adds are never the ones cut.
 */
export function capSpanAttributes(row: SpanRow, maxAttributes: number): number {
  const keys = Object.keys(row.SpanAttributes);
  // One length check per span is all the common case pays.
  if (keys.length <= maxAttributes) return 0;
  const dropped = keys.length - maxAttributes;
  for (let i = maxAttributes; i < keys.length; i++) delete row.SpanAttributes[keys[i]!];
  row.SpanAttributes[ATTR_RAGTRACE_DROPPED_ATTRIBUTES_COUNT] = String(dropped);
  return dropped;
}
