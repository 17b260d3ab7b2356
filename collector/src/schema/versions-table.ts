/** Where runMigrations records each applied migration version. */
export const VERSIONS_TABLE = 'ragtrace_schema_migrations';
