import { newSpanRow } from '../../otlp/values/new-span-row.js';
import type { SpanRow } from '../../storage/span-row.js';
import type { BatchWriter } from '../batch-writer.js';

/** The trace the good spans of {@link writeAroundPoisonedSpan} are stored in. */
export const GOOD_TRACE_ID = 'abcdef0123456789abcdef0123456789';

const spanOf = (spanId: string, spanName: string): SpanRow => ({
  ...newSpanRow(),
  Timestamp: '1700000000000000000',
  TraceId: GOOD_TRACE_ID,
  SpanId: spanId,
  SpanName: spanName,
  ServiceName: 'isolation',
});

type Settled = PromiseSettledResult<void>;

/**
 * Three writes arriving together, so the batch writer merges them into one insert, the middle
 * one a span named with a lone surrogate — what no decoder produces any more (they repair
 * invalid text), so that the batch writer's isolation is proven on real storage: resolves with
 * how each write settled, in order.
 */
export function writeAroundPoisonedSpan(
  writer: BatchWriter,
): Promise<[before: Settled, poisoned: Settled, after: Settled]> {
  return Promise.allSettled([
    writer.write([spanOf('0000000000000001', 'before')]),
    writer.write([spanOf('0000000000000002', 'cut \ud83d')]),
    writer.write([spanOf('0000000000000003', 'after')]),
  ]);
}
