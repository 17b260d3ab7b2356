import { quoteIdentifier } from '../open-storage.js';
import type { Storage } from '../storage.js';
import { ALL_MIGRATIONS } from './all-migrations.js';
import type { Migration } from './migration.js';

export interface MigrationReport {
  applied: number[];
  current: number;
}

const VERSIONS_TABLE = 'ragtrace_schema_migrations';

/**
 * Brings the schema to the newest version. Safe to run at every start and from several
 * collectors at once: each statement is idempotent and versions are recorded after success.
 */
export async function runMigrations(
  storage: Storage,
  migrations: readonly Migration[] = ALL_MIGRATIONS,
): Promise<MigrationReport> {
  const database = quoteIdentifier(storage.database);
  await storage.command(`CREATE DATABASE IF NOT EXISTS ${database}`);
  await storage.command(
    `CREATE TABLE IF NOT EXISTS ${database}.${VERSIONS_TABLE} (
    Version UInt32,
    Name String,
    AppliedAt DateTime64(3) DEFAULT now64(3)
) ENGINE = ReplacingMergeTree ORDER BY Version`,
  );
  const done = await storage.queryRows<{ Version: number }>(
    `SELECT DISTINCT Version FROM ${database}.${VERSIONS_TABLE}`,
  );
  const appliedBefore = new Set(done.map((row) => Number(row.Version)));
  const applied: number[] = [];
  for (const migration of migrations) {
    if (appliedBefore.has(migration.version)) continue;
    for (const statement of migration.statements({ database })) await storage.command(statement);
    await storage.insertRows(VERSIONS_TABLE, [{ Version: migration.version, Name: migration.name }]);
    applied.push(migration.version);
  }
  return { applied, current: Math.max(0, ...appliedBefore, ...applied) };
}
