import assert from 'node:assert/strict';
import { decodeTracesJson } from '../../otlp/index.js';
import type { NormalizeOutcome } from '../normalize-span.js';
import { normalizeSpan } from '../normalize-span.js';

export interface NormalizedSpan {
  /** The span's attributes as decoded, before normalization. */
  sent: Readonly<Record<string, string>>;
  /** The same map after normalization, as it would be stored. */
  attributes: Record<string, string>;
  outcome: NormalizeOutcome;
}

/**
 * Decodes an OTLP/JSON trace export with the collector's decoder and normalizes every span,
 * as the ingest path does. Spans are keyed by name.
 */
export function normalizeRequest(body: string): Map<string, NormalizedSpan> {
  const spans = new Map<string, NormalizedSpan>();
  for (const row of decodeTracesJson(body).rows) {
    const sent = { ...row.SpanAttributes };
    const outcome = normalizeSpan(row);
    spans.set(row.SpanName, { sent, attributes: row.SpanAttributes, outcome });
  }
  return spans;
}

export function spanNamed(spans: Map<string, NormalizedSpan>, name: string): NormalizedSpan {
  const span = spans.get(name);
  assert.ok(span, `span ${name} is in the fixture`);
  return span;
}

/** Every attribute the sender set is still there with the value it was sent with. */
export function assertOriginalsKept(spans: Map<string, NormalizedSpan>): void {
  for (const [name, span] of spans) {
    for (const [key, value] of Object.entries(span.sent)) {
      assert.equal(span.attributes[key], value, `${name}: ${key} kept as sent`);
    }
  }
}

/** Asserts the listed keys' values (undefined: the key is absent); other keys are not compared. */
export function assertAttributes(span: NormalizedSpan, expected: Record<string, string | undefined>): void {
  const actual = Object.fromEntries(Object.keys(expected).map((key) => [key, span.attributes[key]]));
  assert.deepEqual(actual, expected);
}
