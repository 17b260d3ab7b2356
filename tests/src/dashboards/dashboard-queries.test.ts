import {
  ALL_DASHBOARDS,
  expandQuery,
  type DashboardSpec,
  type PanelQuery,
  type QueryContext,
  type TemplateValue,
  type VariableSpec,
} from '@ragtrace/dashboards';
import { runDemo } from '@ragtrace/demo';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestCollector, type TestCollector } from '../support/test-collector.js';

interface QueryResult {
  columns: string[];
  rows: unknown[][];
}

/**
 * How the text boxes are filled when a user narrows things down: each from the demo's own data,
 * as a user would copy it from a table. A new textbox variable fails the test until it is listed.
 */
const TEXTBOX_INPUTS: Record<string, string> = {
  trace_id: `SELECT TraceId FROM otel.genai_spans WHERE RunId != '' ORDER BY Timestamp LIMIT 1`,
  session: `SELECT SessionId FROM otel.genai_spans WHERE SessionId != '' ORDER BY Timestamp LIMIT 1`,
  attribute_key: `SELECT 'gen_ai.request.model'`,
  attribute_value: `SELECT RequestModel FROM otel.genai_spans WHERE RequestModel != '' ORDER BY Timestamp LIMIT 1`,
};

/** Two selections a user makes: everything ("All", empty text boxes but an opened trace), or narrowed. */
type Scenario = 'all' | 'narrowed';

describe('every dashboard query runs on the demo data, expanded as the ClickHouse plugin expands it', () => {
  let collector: TestCollector;
  let context: QueryContext;

  async function run(sql: string): Promise<QueryResult> {
    const result = await collector.sql.query({ query: sql, format: 'JSONCompact' });
    const json = await result.json<unknown[]>();
    return { columns: (json.meta ?? []).map((column) => column.name), rows: json.data };
  }

  async function runExpanded(
    where: string,
    query: PanelQuery,
    values: Record<string, TemplateValue>,
  ): Promise<QueryResult> {
    const sql = expandQuery(query.sql, values, context);
    assert.doesNotMatch(sql, /\$__|\$\{|\$[a-z]/, `${where}: something was left unexpanded:\n${sql}`);
    const result = await run(sql).catch((error: Error) =>
      assert.fail(`${where} failed: ${error.message}\n${sql}`),
    );
    assert.deepEqual(result.columns, query.expectedColumns, `${where}: columns of\n${sql}`);
    return result;
  }

  async function textboxValue(name: string, scenario: Scenario): Promise<string> {
    const input = TEXTBOX_INPUTS[name];
    assert.ok(input !== undefined, `no TEXTBOX_INPUTS entry for textbox variable ${name}`);
    // With everything selected the text-box filters stay empty, but a trace is open in the view.
    if (scenario === 'all' && name !== 'trace_id') return '';
    const [row] = (await run(input)).rows;
    return String(row?.[0] ?? '');
  }

  /** The variables' values in dashboard order, each resolved with the ones before it. */
  async function resolveVariables(
    dashboard: DashboardSpec,
    scenario: Scenario,
  ): Promise<Record<string, TemplateValue>> {
    const values: Record<string, TemplateValue> = {};
    let singleValueIndex = 0;
    for (const variable of dashboard.variables as VariableSpec[]) {
      if (variable.kind === 'datasource') continue;
      if (variable.kind === 'textbox') {
        values[variable.name] = await textboxValue(variable.name, scenario);
        continue;
      }
      let options: string[];
      if (variable.kind === 'custom') {
        options = [...variable.values];
      } else {
        const where = `${dashboard.title} variable ${variable.name}`;
        const result = await runExpanded(where, variable.query, values);
        options = result.rows.map((row) => String(row[0]));
        assert.ok(options.length > 0, `${where} has no options on the demo data`);
      }
      if (!variable.multi) {
        // Single-value variables (the compared runs) each take a different option, as a user comparing would.
        values[variable.name] = options[Math.min(singleValueIndex++, options.length - 1)]!;
      } else if (scenario === 'all' && variable.includeAll) {
        values[variable.name] = { all: true, options };
      } else {
        values[variable.name] = options.slice(0, 2);
      }
    }
    return values;
  }

  before(async () => {
    collector = await startTestCollector();
    await runDemo({ endpoint: collector.url, log: () => {} });
    const now = Date.now();
    context = { from: new Date(now - 6 * 3600_000), to: new Date(now + 60_000), intervalMs: 60_000 };
  });
  after(() => collector.stop());

  for (const dashboard of ALL_DASHBOARDS) {
    it(`${dashboard.title}: with every variable at "All", each panel returns its columns and demo data`, async () => {
      const values = await resolveVariables(dashboard, 'all');
      for (const panel of dashboard.panels) {
        const result = await runExpanded(`${dashboard.title} / ${panel.title}`, panel.query, values);
        assert.ok(
          result.rows.length > 0,
          `${dashboard.title} / ${panel.title} shows nothing on the demo data`,
        );
      }
    });

    it(`${dashboard.title}: with variables narrowed to values lists, each panel returns its columns`, async () => {
      const values = await resolveVariables(dashboard, 'narrowed');
      for (const panel of dashboard.panels) {
        await runExpanded(`${dashboard.title} / ${panel.title}`, panel.query, values);
      }
    });
  }
});
