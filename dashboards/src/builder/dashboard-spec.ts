/**
 * The typed shape every dashboard source fills in. It carries what Grafana needs plus what the
 * tests need (each query's expected columns), and is turned into Grafana's JSON model by
 * `toGrafanaDashboard`, which leaves the test-only fields out.
 */

/** How the ClickHouse plugin turns a result into frames: its `format` and `queryType`. */
export type QueryFormat = 'table' | 'timeseries' | 'traces';

export interface PanelQuery {
  sql: string;
  format: QueryFormat;
  /** The columns the panel reads, in order: the query test asserts exactly these. */
  expectedColumns: readonly string[];
}

export type PanelKind = 'timeseries' | 'table' | 'stat' | 'barchart' | 'traces';

export interface ThresholdStep {
  color: string;
  /** `null` for the base step, as Grafana stores it. */
  value: number | null;
}

/** A data link on one field of a table panel (e.g. a trace id opening the trace view). */
export interface FieldLink {
  field: string;
  title: string;
  url: string;
}

/** Per-field unit overrides, for tables that mix milliseconds, tokens and dollars. */
export interface FieldUnit {
  field: string;
  unit: string;
}

export interface PanelSpec {
  kind: PanelKind;
  title: string;
  /** Shown as the panel's (i) tooltip: what it shows and how to read it. */
  description: string;
  /** Grid width out of 24 columns, and height in grid rows. */
  width: number;
  height: number;
  query: PanelQuery;
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  thresholds?: readonly ThresholdStep[];
  fieldUnits?: readonly FieldUnit[];
  links?: readonly FieldLink[];
  /** Panel-specific Grafana options, merged over the kind's defaults. */
  options?: Record<string, unknown>;
  transformations?: readonly Record<string, unknown>[];
}

interface VariableBase {
  name: string;
  label: string;
  description: string;
}

/** The datasource picker every query goes through (never a fixed datasource uid). */
export interface DatasourceVariableSpec extends VariableBase {
  kind: 'datasource';
}

/** Options from a ClickHouse query: first column the value, an optional second the label. */
export interface QueryVariableSpec extends VariableBase {
  kind: 'query';
  query: PanelQuery;
  multi: boolean;
  includeAll: boolean;
}

export interface CustomVariableSpec extends VariableBase {
  kind: 'custom';
  values: readonly string[];
  multi: boolean;
  includeAll: boolean;
}

/** Free text; empty means "no filter" through `$__conditionalAll`. */
export interface TextboxVariableSpec extends VariableBase {
  kind: 'textbox';
}

export type VariableSpec =
  DatasourceVariableSpec | QueryVariableSpec | CustomVariableSpec | TextboxVariableSpec;

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  tags: readonly string[];
  /** Default time range, in Grafana's relative syntax. */
  timeFrom: string;
  variables: readonly VariableSpec[];
  panels: readonly PanelSpec[];
}
