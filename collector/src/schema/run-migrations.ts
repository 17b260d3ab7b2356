import { quoteIdentifier } from '../storage/sql-text.js';
import type { Storage } from '../storage/storage.js';
import { ALL_MIGRATIONS } from './all-migrations.js';
import { renderClusterDdl } from './cluster-ddl.js';
import { VERSIONS_TABLE } from './versions-table.js';
import type { Migration } from './migration.js';

export interface MigrationReport {
  applied: number[];
  current: number;
}

export interface MigrationOptions {
  /** Defaults to every migration. */
  migrations?: readonly Migration[];
  /** Cluster to render every statement for (cluster-ddl.ts); single-node DDL when unset. */
  cluster?: string;
}

/**
 * Brings the schema to the newest version. Safe to run at every start and from several
 * collectors at once: each statement is idempotent and versions are recorded after success.
 */
export async function runMigrations(
  storage: Storage,
  options: MigrationOptions = {},
): Promise<MigrationReport> {
  const { migrations = ALL_MIGRATIONS, cluster } = options;
  const database = quoteIdentifier(storage.database);
  const render = cluster
    ? (statement: string) => renderClusterDdl(statement, { cluster, database: storage.database })
    : (statement: string) => [statement];
  const execute = async (statement: string) => {
    for (const rendered of render(statement)) await storage.command(rendered);
  };
  await execute(`CREATE DATABASE IF NOT EXISTS ${database}`);
  await execute(
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
    for (const statement of migration.statements({ database })) await execute(statement);
    await storage.insertRows(VERSIONS_TABLE, [{ Version: migration.version, Name: migration.name }]);
    applied.push(migration.version);
  }
  return { applied, current: Math.max(0, ...appliedBefore, ...applied) };
}
