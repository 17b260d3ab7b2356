import type { PanelKind, PanelQuery, PanelSpec, QueryFormat } from './dashboard-spec.js';
import { DATASOURCE_REF } from './datasource.js';
import type { GridPos } from './grid-layout.js';
import { NEUTRAL } from './thresholds.js';

/** The plugin's `format` (sqlds' FormatQueryOption): how the backend turns a result into a frame. */
const PLUGIN_FORMAT: Record<QueryFormat, number> = { timeseries: 0, table: 1, traces: 3 };
/** The plugin's v4 `queryType`: which result view its editor shows. */
const PLUGIN_QUERY_TYPE: Record<QueryFormat, string> = {
  timeseries: 'timeSeries',
  table: 'table',
  traces: 'traces',
};

const KIND_OPTIONS: Record<PanelKind, Record<string, unknown>> = {
  timeseries: {
    legend: { calcs: ['mean', 'max'], displayMode: 'table', placement: 'bottom', showLegend: true },
    tooltip: { mode: 'multi', sort: 'desc' },
  },
  table: { cellHeight: 'sm', showHeader: true },
  stat: {
    colorMode: 'value',
    graphMode: 'none',
    justifyMode: 'auto',
    orientation: 'auto',
    reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
    textMode: 'auto',
  },
  barchart: {
    barWidth: 0.8,
    groupWidth: 0.7,
    legend: { calcs: [], displayMode: 'list', placement: 'bottom', showLegend: true },
    orientation: 'auto',
    showValue: 'auto',
    stacking: 'none',
    tooltip: { mode: 'multi', sort: 'none' },
    xTickLabelRotation: 0,
  },
  traces: {},
};

/** One ClickHouse SQL target in the plugin's v4 query model. */
export function targetJson(query: PanelQuery, refId = 'A'): Record<string, unknown> {
  return {
    datasource: DATASOURCE_REF,
    editorType: 'sql',
    format: PLUGIN_FORMAT[query.format],
    queryType: PLUGIN_QUERY_TYPE[query.format],
    rawSql: query.sql,
    refId,
  };
}

function overridesJson(panel: PanelSpec): Record<string, unknown>[] {
  const units = (panel.fieldUnits ?? []).map((fieldUnit) => ({
    matcher: { id: 'byName', options: fieldUnit.field },
    properties: [{ id: 'unit', value: fieldUnit.unit }],
  }));
  const links = (panel.links ?? []).map((link) => ({
    matcher: { id: 'byName', options: link.field },
    properties: [{ id: 'links', value: [{ title: link.title, url: link.url }] }],
  }));
  return [...units, ...links];
}

/** A panel in Grafana's dashboard JSON model (schema 39). */
export function panelJson(panel: PanelSpec, id: number, gridPos: GridPos): Record<string, unknown> {
  const defaults: Record<string, unknown> = {
    thresholds: { mode: 'absolute', steps: panel.thresholds ?? NEUTRAL },
    color: {
      mode: panel.kind === 'timeseries' || panel.kind === 'barchart' ? 'palette-classic' : 'thresholds',
    },
  };
  if (panel.unit !== undefined) defaults.unit = panel.unit;
  if (panel.decimals !== undefined) defaults.decimals = panel.decimals;
  if (panel.min !== undefined) defaults.min = panel.min;
  if (panel.max !== undefined) defaults.max = panel.max;
  return {
    datasource: DATASOURCE_REF,
    description: panel.description,
    fieldConfig: { defaults, overrides: overridesJson(panel) },
    gridPos,
    id,
    options: { ...KIND_OPTIONS[panel.kind], ...panel.options },
    targets: [targetJson(panel.query)],
    title: panel.title,
    transformations: panel.transformations ?? [],
    type: panel.kind,
  };
}
