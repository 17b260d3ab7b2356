import type { Migration } from './migration.js';
import { otelTracesMigration } from './0001-otel-traces.js';

/** Every migration in version order; append, never edit one that has shipped. */
export const ALL_MIGRATIONS: readonly Migration[] = [otelTracesMigration];
