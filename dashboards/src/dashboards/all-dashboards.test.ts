import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toGrafanaDashboard } from '../builder/to-grafana-dashboard.js';
import { ALL_DASHBOARDS } from './all-dashboards.js';

/** The variables the issue asks every dashboard family to offer, between them. */
const REQUIRED_VARIABLES = ['datasource', 'service', 'experiment', 'run', 'model', 'stage'];

describe('the dashboards, as a newcomer meets them', () => {
  it('are five, with distinct uids and titles', () => {
    assert.equal(ALL_DASHBOARDS.length, 5);
    assert.equal(new Set(ALL_DASHBOARDS.map((dashboard) => dashboard.uid)).size, 5);
    assert.equal(new Set(ALL_DASHBOARDS.map((dashboard) => dashboard.title)).size, 5);
  });

  it('offer the service, experiment, run, model and stage variables, and a datasource picker first', () => {
    const names = new Set(
      ALL_DASHBOARDS.flatMap((dashboard) => dashboard.variables.map((variable) => variable.name)),
    );
    for (const name of REQUIRED_VARIABLES) assert.ok(names.has(name), `no dashboard has a ${name} variable`);
    for (const dashboard of ALL_DASHBOARDS) {
      assert.equal(
        dashboard.variables[0]?.kind,
        'datasource',
        `${dashboard.title}: datasource variable first`,
      );
    }
  });

  it('describe every panel and variable, and give every data panel a unit', () => {
    for (const dashboard of ALL_DASHBOARDS) {
      for (const panel of dashboard.panels) {
        const where = `${dashboard.title} / ${panel.title}`;
        assert.ok(panel.description.length >= 20, `${where}: description`);
        if (panel.kind !== 'traces') assert.ok(panel.unit, `${where}: unit`);
        assert.ok(panel.query.expectedColumns.length > 0, `${where}: expected columns`);
      }
      for (const variable of dashboard.variables)
        assert.ok(variable.description, `${dashboard.title}: ${variable.name}`);
    }
  });

  it('lay panels out on the 24-column grid without overlaps', () => {
    for (const dashboard of ALL_DASHBOARDS) {
      const panels = toGrafanaDashboard(dashboard).panels as {
        gridPos: { x: number; y: number; w: number; h: number };
      }[];
      const cells = new Set<string>();
      for (const { gridPos } of panels) {
        assert.ok(gridPos.x + gridPos.w <= 24, `${dashboard.title}: panel beyond the grid`);
        for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
          for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
            assert.ok(!cells.has(`${x},${y}`), `${dashboard.title}: panels overlap at ${x},${y}`);
            cells.add(`${x},${y}`);
          }
        }
      }
    }
  });
});
