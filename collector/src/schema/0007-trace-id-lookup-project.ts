import type { Migration } from './migration.js';
import { PROJECT_COLUMN, PROJECT_SELECT_SQL } from './project-column-sql.js';

/**
 * The trace-id lookup table (`otel_traces_trace_id_ts`: a trace's first and last span time)
 * gets a Project column, filled by its view from the project stamped on each span, so a key
 * reads only the bounds its own project's spans make (auth/project-filters.ts). Before, a
 * lookup row could only be scoped by "this TraceId occurs in my spans": one span sent under
 * another project's TraceId was enough to read that project's trace bounds.
 *
 * The view now groups by trace and project, so each project's spans of one trace make rows of
 * their own; readers taking min(Start)/max(End) per TraceId read the same bounds as before.
 * Rows stored before this migration are derived again, per project, from the spans: with the
 * old rows (project empty) beside them, bounds read without a key stay as they were, and no
 * key reads the old rows. The column is added after the exporter's three, whose schema readers
 * (Grafana's trace view) rely on.
 */
export const traceIdLookupProjectMigration: Migration = {
  version: 7,
  name: 'trace_id_lookup_project',
  statements: ({ database }) => [
    `ALTER TABLE ${database}.otel_traces_trace_id_ts ADD COLUMN IF NOT EXISTS ${PROJECT_COLUMN} LowCardinality(String) CODEC(ZSTD(1))`,
    `ALTER TABLE ${database}.otel_traces_trace_id_ts_mv MODIFY QUERY SELECT
    TraceId,
    min(Timestamp) AS Start,
    max(Timestamp) AS End,
    ${PROJECT_SELECT_SQL}
FROM ${database}.otel_traces
WHERE TraceId != ''
GROUP BY TraceId, ${PROJECT_COLUMN}`,
    `INSERT INTO ${database}.otel_traces_trace_id_ts (TraceId, Start, End, ${PROJECT_COLUMN})
SELECT TraceId, min(Timestamp), max(Timestamp), ${PROJECT_SELECT_SQL}
FROM ${database}.otel_traces
WHERE TraceId != '' AND ${PROJECT_COLUMN} != ''
GROUP BY TraceId, ${PROJECT_COLUMN}`,
  ],
};
