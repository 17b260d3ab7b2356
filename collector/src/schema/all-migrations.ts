import type { Migration } from './migration.js';
import { otelTracesMigration } from './0001-otel-traces.js';
import { genaiSpansMigration } from './0002-genai-spans.js';
import { otelLogsAndScoresMigration } from './0003-otel-logs-and-scores.js';
import { genaiRunsMigration } from './0004-genai-runs.js';
import { genaiRetrievedDocumentsMigration } from './0005-genai-retrieved-documents.js';
import { projectColumnsMigration } from './0006-project-columns.js';
import { traceIdLookupProjectMigration } from './0007-trace-id-lookup-project.js';

/** Every migration in version order; append, never edit one that has shipped. */
export const ALL_MIGRATIONS: readonly Migration[] = [
  otelTracesMigration,
  genaiSpansMigration,
  otelLogsAndScoresMigration,
  genaiRunsMigration,
  genaiRetrievedDocumentsMigration,
  projectColumnsMigration,
  traceIdLookupProjectMigration,
];
