import { ATTR_RAGTRACE_PROJECT } from '@ragtrace/semconv';
import { sqlStringLiteral } from '../storage/sql-text.js';

/** Column the genai_* tables keep the project of each row in (migration 0006). */
export const PROJECT_COLUMN = 'Project';

/** The project the collector stamped on a span or log record (auth/stamp-project.ts). */
export const PROJECT_ATTRIBUTE_SQL = `ResourceAttributes[${sqlStringLiteral(ATTR_RAGTRACE_PROJECT)}]`;

/** The select-list entry that fills {@link PROJECT_COLUMN} from an otel_traces or otel_logs row. */
export const PROJECT_SELECT_SQL = `${PROJECT_ATTRIBUTE_SQL} AS ${PROJECT_COLUMN}`;
