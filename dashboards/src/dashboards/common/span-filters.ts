/**
 * The WHERE conditions that apply the dashboard variables to genai_spans. Each goes through
 * `$__conditionalAll`, which the plugin turns into `1=1` when "All" is selected, so "All" also
 * keeps spans whose column is empty (e.g. spans outside any run).
 */
export const SPAN_FILTER = {
  time: '$__timeFilter(Timestamp)',
  service: '$__conditionalAll(ServiceName IN ($service), $service)',
  stage: '$__conditionalAll(Stage IN ($stage), $stage)',
  model: '$__conditionalAll(RequestModel IN ($model), $model)',
  experiment: '$__conditionalAll(ExperimentName IN ($experiment), $experiment)',
  run: '$__conditionalAll(RunId IN ($run), $run)',
  status: '$__conditionalAll(StatusCode IN ($status), $status)',
} as const;

export type SpanFilterName = keyof typeof SPAN_FILTER;

/** `cond AND cond ...` for the named filters, one per line, for a query's WHERE clause. */
export function spanFilters(...names: readonly SpanFilterName[]): string {
  return names.map((name) => SPAN_FILTER[name]).join('\n  AND ');
}
