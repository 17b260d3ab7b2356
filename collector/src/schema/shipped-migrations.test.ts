import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { quoteIdentifier } from '../storage/sql-text.js';
import { ALL_MIGRATIONS } from './all-migrations.js';

/** Between two statements of a migration's frozen SQL. */
const SEPARATOR = '\n-- next statement\n';

const frozenPath = (version: number, name: string) =>
  new URL(`./shipped-sql/${String(version).padStart(4, '0')}-${name}.sql`, import.meta.url);

/**
 * A migration that shipped has run on users' databases, which never run it again: changing
 * what it renders would leave their schema and a fresh one different. So each migration's SQL,
 * as rendered for database `otel`, is frozen in shipped-sql/ and must stay exactly that; a
 * change of schema is a new migration (README of this folder: how to add a column). The frozen
 * file of a new migration is written by running this test with RAGTRACE_FREEZE_MIGRATIONS=1,
 * which never overwrites one that exists.
 */
describe('shipped migrations render exactly their frozen SQL', () => {
  for (const migration of ALL_MIGRATIONS) {
    it(`${migration.version} ${migration.name}`, () => {
      const rendered = migration.statements({ database: quoteIdentifier('otel') }).join(SEPARATOR) + '\n';
      const path = frozenPath(migration.version, migration.name);
      if (!existsSync(path) && process.env['RAGTRACE_FREEZE_MIGRATIONS'] === '1')
        writeFileSync(path, rendered);
      assert.ok(
        existsSync(path),
        `no frozen SQL for migration ${migration.version}: see shipped-migrations.test.ts`,
      );
      assert.equal(
        rendered,
        readFileSync(path, 'utf8'),
        `migration ${migration.version} changed after it shipped`,
      );
    });
  }
});
