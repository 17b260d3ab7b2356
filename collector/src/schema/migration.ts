/**
 * What a migration's SQL may depend on. Statements are written for a single node; cluster-ddl.ts
 * renders them for a cluster, so migrations never mention one.
 */
export interface MigrationContext {
  /** Backtick-quoted database name, ready to interpolate. */
  database: string;
}

/**
 * One versioned schema step. Statements must be idempotent on their own (IF NOT EXISTS):
 * a crash between a statement and the version record must not wedge the next start.
 */
export interface Migration {
  version: number;
  name: string;
  statements(context: MigrationContext): string[];
}
