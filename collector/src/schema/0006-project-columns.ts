import { genaiRetrievedDocumentsViewSql } from './genai-retrieved-documents-view-sql.js';
import { genaiScoresViewSql } from './genai-scores-view-sql.js';
import { genaiSpansViewSql } from './genai-spans-view-sql.js';
import type { Migration } from './migration.js';
import { PROJECT_COLUMN } from './project-column-sql.js';

/**
 * Projects (auth, RAGTRACE_AUTH): the genai_* tables get a Project column that their views fill
 * from the `ragtrace.project` resource attribute the collector stamps on every span and log
 * record, so reads can be limited to one project (auth/project-filters.ts). otel_traces and
 * otel_logs keep the exporter's schema: their project stays a resource attribute.
 *
 * Run records are keyed by (RunId, Project), so a run id chosen in one project never replaces
 * another project's run of the same id when ReplacingMergeTree collapses rows. Rows stored
 * before this migration have an empty Project: visible while auth is off, to no key after.
 */
export const projectColumnsMigration: Migration = {
  version: 6,
  name: 'project_columns',
  statements: ({ database }) => {
    const column = `${PROJECT_COLUMN} LowCardinality(String) CODEC(ZSTD(1))`;
    return [
      `ALTER TABLE ${database}.genai_spans ADD COLUMN IF NOT EXISTS ${column}`,
      `ALTER TABLE ${database}.genai_spans_mv MODIFY QUERY ${genaiSpansViewSql(database, 2)}`,
      `ALTER TABLE ${database}.genai_scores ADD COLUMN IF NOT EXISTS ${column}`,
      `ALTER TABLE ${database}.genai_scores_mv MODIFY QUERY ${genaiScoresViewSql(database, 2)}`,
      `ALTER TABLE ${database}.genai_retrieved_documents ADD COLUMN IF NOT EXISTS ${column}`,
      `ALTER TABLE ${database}.genai_retrieved_documents_mv MODIFY QUERY ${genaiRetrievedDocumentsViewSql(database, 2)}`,
      // A column joining the sorting key must be added by the same ALTER, and without a
      // default expression; re-running it is a no-op.
      `ALTER TABLE ${database}.genai_runs ADD COLUMN IF NOT EXISTS ${PROJECT_COLUMN} LowCardinality(String) AFTER RunId, MODIFY ORDER BY (RunId, ${PROJECT_COLUMN})`,
    ];
  },
};
