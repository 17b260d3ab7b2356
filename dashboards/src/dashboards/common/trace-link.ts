import type { FieldLink } from '../../builder/dashboard-spec.js';

export const TRACE_EXPLORER_UID = 'ragtrace-trace-explorer';

/** Opens the clicked trace id in the trace explorer's trace view, keeping time range and datasource. */
export function traceViewLink(field: string): FieldLink {
  return {
    field,
    title: 'Open this trace in the trace view',
    url: `/d/${TRACE_EXPLORER_UID}/?var-trace_id=\${__value.raw}&var-datasource=\${datasource}&\${__url_time_range}`,
  };
}
