import type {
  CustomVariableSpec,
  DatasourceVariableSpec,
  QueryVariableSpec,
  TextboxVariableSpec,
} from '../../builder/dashboard-spec.js';
import { CLICKHOUSE_PLUGIN_ID, DATASOURCE_VARIABLE } from '../../builder/datasource.js';
import { GENAI_RUNS, GENAI_SPANS } from './tables.js';

export const datasourceVariable: DatasourceVariableSpec = {
  kind: 'datasource',
  name: DATASOURCE_VARIABLE,
  label: 'ClickHouse',
  description: `The ${CLICKHOUSE_PLUGIN_ID} datasource holding ragtrace's tables (a ClickHouse server, or a collector's /clickhouse endpoint).`,
};

/** A multi-value filter with "All", over the distinct non-empty values of a genai_spans column. */
function spanColumnVariable(
  name: string,
  label: string,
  column: string,
  description: string,
): QueryVariableSpec {
  return {
    kind: 'query',
    name,
    label,
    description,
    query: {
      sql: `SELECT DISTINCT ${column} FROM ${GENAI_SPANS} WHERE $__timeFilter(Timestamp) AND ${column} != '' ORDER BY ${column}`,
      format: 'table',
      expectedColumns: [column],
    },
    multi: true,
    includeAll: true,
  };
}

export const serviceVariable = spanColumnVariable(
  'service',
  'Service',
  'ServiceName',
  'The instrumented services (OTel service.name) that sent spans in the time range.',
);

export const stageVariable = spanColumnVariable(
  'stage',
  'Stage',
  'Stage',
  'RAG pipeline stages: embed, retrieve, rerank, generate, tool, agent, workflow.',
);

export const modelVariable = spanColumnVariable(
  'model',
  'Model',
  'RequestModel',
  'The model named in the request (gen_ai.request.model).',
);

export const experimentVariable: QueryVariableSpec = {
  kind: 'query',
  name: 'experiment',
  label: 'Experiment',
  description: 'Experiments that runs were recorded under.',
  query: {
    sql: `SELECT DISTINCT ExperimentName FROM ${GENAI_RUNS} WHERE ExperimentName != '' ORDER BY ExperimentName`,
    format: 'table',
    expectedColumns: ['ExperimentName'],
  },
  multi: true,
  includeAll: true,
};

/** Runs of the selected experiments, newest first: the value is the run id, the label its name. */
function runQuery(): QueryVariableSpec['query'] {
  return {
    sql: `SELECT RunId, concat(if(RunName != '', RunName, RunId), ' (', formatDateTime(StartTime, '%Y-%m-%d %H:%i'), ')') AS RunLabel
FROM ${GENAI_RUNS}
WHERE $__conditionalAll(ExperimentName IN ($experiment), $experiment)
ORDER BY StartTime DESC`,
    format: 'table',
    expectedColumns: ['RunId', 'RunLabel'],
  };
}

export const runVariable: QueryVariableSpec = {
  kind: 'query',
  name: 'run',
  label: 'Run',
  description: 'Runs (one configuration evaluated over a dataset) of the selected experiments.',
  query: runQuery(),
  multi: true,
  includeAll: true,
};

/** A single run to compare; `side` says which column of the comparison it fills. */
export function comparedRunVariable(name: string, side: string): QueryVariableSpec {
  return {
    kind: 'query',
    name,
    label: `Run ${side}`,
    description: `The run shown as "${side}" in the side-by-side comparison.`,
    query: runQuery(),
    multi: false,
    includeAll: false,
  };
}

export const statusVariable: CustomVariableSpec = {
  kind: 'custom',
  name: 'status',
  label: 'Status',
  description: 'OTel span status: Error (failed), Ok (explicitly successful) or Unset (no status set).',
  values: ['Error', 'Ok', 'Unset'],
  multi: true,
  includeAll: true,
};

export function textboxVariable(name: string, label: string, description: string): TextboxVariableSpec {
  return { kind: 'textbox', name, label, description };
}
