import type { VariableSpec } from './dashboard-spec.js';
import { CLICKHOUSE_PLUGIN_ID, DATASOURCE_REF } from './datasource.js';

/** Refresh query variables when the time range changes, so options follow the data shown. */
const REFRESH_ON_TIME_RANGE_CHANGE = 2;
const SORT_ALPHABETICAL_ASC = 1;

/** A template variable in Grafana's dashboard JSON model. */
export function variableJson(variable: VariableSpec): Record<string, unknown> {
  const base = { name: variable.name, label: variable.label, description: variable.description, hide: 0 };
  switch (variable.kind) {
    case 'datasource':
      return {
        ...base,
        type: 'datasource',
        query: CLICKHOUSE_PLUGIN_ID,
        current: {},
        options: [],
        refresh: 1,
        regex: '',
      };
    case 'query':
      return {
        ...base,
        type: 'query',
        datasource: DATASOURCE_REF,
        definition: variable.query.sql,
        query: variable.query.sql,
        current: {},
        options: [],
        multi: variable.multi,
        includeAll: variable.includeAll,
        refresh: REFRESH_ON_TIME_RANGE_CHANGE,
        regex: '',
        sort: SORT_ALPHABETICAL_ASC,
      };
    case 'custom':
      return {
        ...base,
        type: 'custom',
        query: variable.values.join(','),
        current: {},
        options: [],
        multi: variable.multi,
        includeAll: variable.includeAll,
      };
    case 'textbox':
      return { ...base, type: 'textbox', query: '', current: { text: '', value: '' }, options: [] };
  }
}
