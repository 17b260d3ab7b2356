import { ATTR_RAGTRACE_PROJECT } from '@ragtrace/semconv';

/**
 * Sets each row's project resource attribute to the authenticated caller's, replacing whatever
 * the client sent: a client-chosen value would let one project write into another's data.
 * A resource attribute, rather than a column, keeps otel_traces and otel_logs identical to
 * the OpenTelemetry Collector exporter's tables.
 *
 * Rows of one resource share one frozen attribute map (the decoders build it once), so each
 * map is replaced by one stamped copy, shared the same way.
 */
export function stampProject(
  rows: ReadonlyArray<{ ResourceAttributes: Record<string, string> }>,
  project: string,
): void {
  const stamped = new Map<Record<string, string>, Record<string, string>>();
  for (const row of rows) {
    let copy = stamped.get(row.ResourceAttributes);
    if (copy === undefined) {
      copy = Object.freeze({ ...row.ResourceAttributes, [ATTR_RAGTRACE_PROJECT]: project });
      stamped.set(row.ResourceAttributes, copy);
    }
    row.ResourceAttributes = copy;
  }
}
