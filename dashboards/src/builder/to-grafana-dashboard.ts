import type { DashboardSpec } from './dashboard-spec.js';
import { gridLayout } from './grid-layout.js';
import { panelJson } from './panel-json.js';
import { variableJson } from './variable-json.js';

/** Grafana's dashboard JSON schema version these files are written for (Grafana 10.4+). */
const SCHEMA_VERSION = 39;

/** Every ragtrace dashboard carries this tag; the header links list dashboards by it. */
export const RAGTRACE_TAG = 'ragtrace';

/**
 * The importable Grafana dashboard JSON for a spec. No `id` (Grafana assigns one on import) and
 * no `__inputs`: the datasource is a variable, so the file imports as it is.
 */
export function toGrafanaDashboard(spec: DashboardSpec): Record<string, unknown> {
  const positions = gridLayout(spec.panels);
  return {
    annotations: { list: [] },
    description: spec.description,
    editable: true,
    graphTooltip: 1,
    links: [
      {
        asDropdown: true,
        includeVars: true,
        keepTime: true,
        tags: [RAGTRACE_TAG],
        title: 'ragtrace dashboards',
        type: 'dashboards',
      },
    ],
    panels: spec.panels.map((panel, index) => panelJson(panel, index + 1, positions[index]!)),
    refresh: '',
    schemaVersion: SCHEMA_VERSION,
    tags: [RAGTRACE_TAG, ...spec.tags],
    templating: { list: spec.variables.map(variableJson) },
    time: { from: spec.timeFrom, to: 'now' },
    timepicker: {},
    timezone: 'browser',
    title: spec.title,
    uid: spec.uid,
    version: 1,
  };
}
