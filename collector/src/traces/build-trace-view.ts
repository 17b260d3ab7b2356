import type { GenaiFields, StoredSpan, TraceScore, TraceSpanNode, TraceView } from './trace-view.js';

/**
 * Nests the trace's spans under their parents. A span whose parent is not stored (lost, or
 * still in flight) becomes a root rather than disappearing; scores go to the span they name.
 */
export function buildTraceView(
  traceId: string,
  spans: readonly StoredSpan[],
  genai: ReadonlyMap<string, GenaiFields>,
  scores: readonly TraceScore[],
): TraceView {
  const nodes = new Map<string, TraceSpanNode>();
  for (const span of spans) {
    // An export the collector stored twice (a client retry) shows its span once.
    if (nodes.has(span.spanId)) continue;
    nodes.set(span.spanId, { ...span, genai: genai.get(span.spanId) ?? null, scores: [], children: [] });
  }
  const roots: TraceSpanNode[] = [];
  // The map is in start order, so pushing in that order keeps every children list sorted.
  for (const node of nodes.values()) {
    const parent = node.parentSpanId === '' ? undefined : nodes.get(node.parentSpanId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const traceScores: TraceScore[] = [];
  for (const score of scores) {
    const node = score.spanId === '' ? undefined : nodes.get(score.spanId);
    if (node) node.scores.push(score);
    else traceScores.push(score);
  }
  return { traceId, spanCount: nodes.size, spans: roots, scores: traceScores };
}
