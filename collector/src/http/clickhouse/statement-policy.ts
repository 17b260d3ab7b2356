import { clickHouseRefusal } from './clickhouse-error-codes.js';
import type { AstNode } from './explain-ast.js';

/** Statements that read: SELECT and the SHOW, DESCRIBE, EXISTS and EXPLAIN families that only describe. */
const READ_STATEMENTS: ReadonlySet<string> = new Set([
  'SelectWithUnionQuery',
  'DescribeQuery',
  'ShowTables',
  'ShowColumns',
  'ShowCreateTableQuery',
  'ShowCreateDatabaseQuery',
  'ShowCreateViewQuery',
  'ShowCreateDictionaryQuery',
  'ExistsTableQuery',
  'ExistsDatabaseQuery',
  'ExistsViewQuery',
  'ExistsDictionaryQuery',
  'ShowProcesslistQuery',
  'ShowFunctions',
  'ShowEngineQuery',
  'Explain',
]);

/** Those a project key may run: reads of data, and of the schema its tables are in. */
const SCOPED_STATEMENTS: ReadonlySet<string> = new Set([
  'SelectWithUnionQuery',
  'DescribeQuery',
  'ShowTables',
  'ShowColumns',
  'ShowCreateTableQuery',
  'ExistsTableQuery',
]);

/**
 * `SHOW TABLES`, `SHOW DATABASES`, `SHOW MERGES`, `SHOW SETTINGS`… all parse to one node kind,
 * `ShowTables`, and read different system tables; the engine's formatting of its own parse
 * tells them apart. A project key may list databases, tables and columns.
 */
const SCOPED_SHOW = /^SHOW (?:FULL )?(?:DATABASES|TABLES|COLUMNS)\b/;

/** The last line of the engine's formatting, when the statement has a FORMAT clause. */
const FORMAT_LINE = /\nFORMAT (\S+)$/;

export interface ReadStatement {
  /** The output format the statement names itself, if it does. */
  format: string | undefined;
}

/**
 * Refuses a statement that is not one read (READONLY, as ClickHouse answers a write in
 * readonly mode), one a project key may not run (ACCESS_DENIED), and `INTO OUTFILE` (which
 * writes a file on the host running the engine). Judged on the engine's parse (`statement`,
 * EXPLAIN AST) and its formatting of that parse (`canonical`), which must agree on the format.
 */
export function readStatement(statement: AstNode, canonical: string, scoped: boolean): ReadStatement {
  if (!READ_STATEMENTS.has(statement.name)) {
    throw clickHouseRefusal(
      'READONLY',
      'Cannot execute query in readonly mode: only SELECT and the SHOW, DESCRIBE, EXISTS and EXPLAIN statements are accepted here',
    );
  }
  if (
    scoped &&
    (!SCOPED_STATEMENTS.has(statement.name) || (isShow(statement) && !SCOPED_SHOW.test(canonical)))
  ) {
    throw clickHouseRefusal(
      'ACCESS_DENIED',
      'with a project API key, only SELECT, DESCRIBE, SHOW TABLES/DATABASES/COLUMNS, SHOW CREATE TABLE and EXISTS are accepted',
    );
  }
  if (statement.name === 'Explain' && statement.children[0]?.name !== 'SelectWithUnionQuery') {
    throw clickHouseRefusal(
      'READONLY',
      'Cannot execute query in readonly mode: only a SELECT can be explained here',
    );
  }
  // Below a statement the engine lists its body, then INTO OUTFILE's file name (a literal),
  // then the FORMAT name: no read's body has a literal of its own at that level.
  if (statement.children.some((child) => child.name === 'Literal')) {
    throw clickHouseRefusal(
      'READONLY',
      "Cannot execute query in readonly mode: INTO OUTFILE writes a file on the engine's host",
    );
  }
  const format = FORMAT_LINE.exec(canonical)?.[1];
  const last = statement.children.at(-1);
  if (format !== undefined && !(last?.name === 'Identifier' && last.detail === format)) {
    throw clickHouseRefusal(
      'ACCESS_DENIED',
      'The query could not be checked: its FORMAT clause is ambiguous',
    );
  }
  return { format };
}

function isShow(statement: AstNode): boolean {
  return statement.name === 'ShowTables' || statement.name === 'ShowColumns';
}
