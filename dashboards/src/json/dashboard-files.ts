import { ALL_DASHBOARDS } from '../dashboards/all-dashboards.js';
import { toGrafanaDashboard } from '../builder/to-grafana-dashboard.js';
import { stableJson } from './stable-json.js';

export interface DashboardFile {
  /** File name inside dashboards/, e.g. `rag-overview.json`. */
  name: string;
  text: string;
}

/** The committed dashboards/*.json files, generated from the sources. */
export function dashboardFiles(): DashboardFile[] {
  return ALL_DASHBOARDS.map((spec) => ({
    name: `${spec.uid.replace(/^ragtrace-/, '')}.json`,
    text: stableJson(toGrafanaDashboard(spec)),
  }));
}
