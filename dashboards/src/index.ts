export type {
  DashboardSpec,
  PanelQuery,
  PanelSpec,
  QueryFormat,
  QueryVariableSpec,
  VariableSpec,
} from './builder/dashboard-spec.js';
export { toGrafanaDashboard } from './builder/to-grafana-dashboard.js';
export { ALL_DASHBOARDS } from './dashboards/all-dashboards.js';
export { dashboardFiles, type DashboardFile } from './json/dashboard-files.js';
export { expandQuery } from './macros/expand-query.js';
export type { QueryContext } from './macros/backend-macros.js';
export { isAll, type TemplateValue, type TemplateValues } from './macros/template-values.js';
