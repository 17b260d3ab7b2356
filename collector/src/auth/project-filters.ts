import { LOCAL_TABLE_SUFFIX } from '../schema/cluster-ddl.js';
import { PROJECT_ATTRIBUTE_SQL as projectAttribute, PROJECT_COLUMN } from '../schema/project-column-sql.js';
import { sqlStringLiteral } from '../storage/sql-text.js';

/**
 * Every table that holds a project's data, with the condition that keeps the rows a project
 * wrote. OTel tables keep the project in a resource attribute (their schema stays the
 * exporter's); every derived table, the trace-id lookup included, in a Project column.
 */
const PROJECT_CONDITIONS: Readonly<Record<string, (project: string) => string>> = {
  otel_traces: (project) => `${projectAttribute} = ${sqlStringLiteral(project)}`,
  otel_logs: (project) => `${projectAttribute} = ${sqlStringLiteral(project)}`,
  otel_traces_trace_id_ts: (project) => `${PROJECT_COLUMN} = ${sqlStringLiteral(project)}`,
  genai_spans: (project) => `${PROJECT_COLUMN} = ${sqlStringLiteral(project)}`,
  genai_scores: (project) => `${PROJECT_COLUMN} = ${sqlStringLiteral(project)}`,
  genai_runs: (project) => `${PROJECT_COLUMN} = ${sqlStringLiteral(project)}`,
  genai_retrieved_documents: (project) => `${PROJECT_COLUMN} = ${sqlStringLiteral(project)}`,
};

/**
 * Names of the project tables as `database.table`, including the per-shard `_local` tables a
 * cluster keeps behind its Distributed ones.
 */
export function projectTables(database: string): Set<string> {
  return new Set(
    Object.keys(PROJECT_CONDITIONS).flatMap((table) => [
      `${database}.${table}`,
      `${database}.${table}${LOCAL_TABLE_SUFFIX}`,
    ]),
  );
}

/**
 * The value of ClickHouse's `additional_table_filters` setting that limits every read of a
 * project table to `project`'s rows. The engine adds the condition wherever the table is read
 * — top level, subquery, JOIN, UNION, CTE, IN (SELECT …), `view()` — which is what makes it
 * hold against SQL written to get around it; what it cannot see (other ways to reach the
 * data) is refused by http/clickhouse/checked-read.ts.
 */
export function projectTableFilters(database: string, project: string): string {
  const entries = Object.entries(PROJECT_CONDITIONS).flatMap(([table, condition]) => {
    const sql = condition(project);
    return [table, table + LOCAL_TABLE_SUFFIX].map(
      (name) => `${sqlStringLiteral(`${database}.${name}`)}: ${sqlStringLiteral(sql)}`,
    );
  });
  return `{${entries.join(', ')}}`;
}

/** The setting that carries {@link projectTableFilters}; a scoped caller may never set it. */
export const TABLE_FILTERS_SETTING = 'additional_table_filters';
