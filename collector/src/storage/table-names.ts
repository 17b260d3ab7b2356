import { quoteIdentifier } from './sql-text.js';
import type { Storage } from './storage.js';

export interface TableNames {
  traces: string;
  logs: string;
  traceIdTimes: string;
  genaiSpans: string;
  genaiScores: string;
  genaiRuns: string;
}

/**
 * Fully qualified names of the tables readers query. Against a server the storage client's
 * session does not select the collector's database, so every query qualifies its tables.
 */
export function tableNames(storage: Pick<Storage, 'database'>): TableNames {
  const database = quoteIdentifier(storage.database);
  return {
    traces: `${database}.otel_traces`,
    logs: `${database}.otel_logs`,
    traceIdTimes: `${database}.otel_traces_trace_id_ts`,
    genaiSpans: `${database}.genai_spans`,
    genaiScores: `${database}.genai_scores`,
    genaiRuns: `${database}.genai_runs`,
  };
}
