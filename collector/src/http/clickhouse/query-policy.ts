import { ClickHouseQueryError } from '../../storage/storage-errors.js';
import type { Storage } from '../../storage/storage.js';
import { clickHouseRefusal } from './clickhouse-error-codes.js';
import type { QueryDescription } from './describe-query.js';

/** Statements a read-only caller may run; the engine's readonly=2 still applies to all of them. */
const READ_STATEMENTS = new Set([
  'SELECT',
  'WITH',
  '(',
  'SHOW',
  'DESCRIBE',
  'DESC',
  'EXPLAIN',
  'EXISTS',
  'SET',
  'USE',
]);

/**
 * Words that write from inside a read statement and which chDB's readonly=2 lets through:
 * `WITH … INSERT INTO FUNCTION file(…)`, `EXPLAIN PIPELINE INSERT …` and `SELECT … INTO
 * OUTFILE` all write files on the collector's host.
 */
const WRITING_WORDS = ['INSERT', 'OUTFILE'];

export interface QueryPolicyOptions {
  readonly: boolean;
  /** Judges the syntax of a refused query, so a typo reads as one. */
  storage: Storage;
}

/**
 * Refuses what ClickHouse's HTTP interface refuses (empty text, several statements) and, for a
 * read-only request, anything but a read, with the errors ClickHouse gives for them. Reads are
 * recognised by their first word, because chDB's readonly=2 alone lets some writes through
 * (KILL QUERY, SYSTEM STOP MERGES, INSERT INTO FUNCTION, INTO OUTFILE).
 */
export async function enforceQueryPolicy(
  query: QueryDescription,
  sql: string,
  { readonly, storage }: QueryPolicyOptions,
): Promise<void> {
  // chDB reports errors as C strings, so a NUL in the text would cut its syntax error short
  // and leave an unrecognisable failure; ClickHouse's lexer rejects the character anyway.
  if (sql.includes('\0'))
    throw clickHouseRefusal('SYNTAX_ERROR', 'Unrecognized token: the query contains a NUL character');
  if (query.statementCount === 0) throw clickHouseRefusal('SYNTAX_ERROR', 'Empty query');
  if (query.statementCount > 1) throw clickHouseRefusal('SYNTAX_ERROR', 'Multi-statements are not allowed');
  const isRead =
    READ_STATEMENTS.has(query.leadingKeyword ?? '') && !WRITING_WORDS.some((w) => query.words.has(w));
  if (!readonly || isRead) return;
  await assertValidSyntax(storage, sql);
  throw clickHouseRefusal(
    'READONLY',
    'Cannot execute query in readonly mode: only SELECT, WITH, SHOW, DESCRIBE, EXPLAIN, EXISTS, SET and USE ' +
      'are accepted here, without INSERT or INTO OUTFILE',
  );
}

/** The engine parses without running anything; its syntax error, if any, is the better answer. */
async function assertValidSyntax(storage: Storage, sql: string): Promise<void> {
  try {
    await storage.queryRows('SELECT formatQuery({sql:String})', { sql });
  } catch (error) {
    if (!(error instanceof ClickHouseQueryError)) throw error;
    // The engine names the wrapping SELECT as the error's scope; the caller never wrote it.
    const message = error.message.replace(/:? In scope SELECT formatQuery\(.*$/s, '');
    throw new ClickHouseQueryError(message, error.clickhouseCode, error.clickhouseType, { cause: error });
  }
}
