import { sqlTokens, type SqlToken } from './sql-tokens.js';

export interface QueryDescription {
  /** Statements in the text; ClickHouse's HTTP interface runs exactly one. */
  statementCount: number;
  /** First word of the first statement, upper-cased (`SELECT`, `INSERT`, …), or `(`. */
  leadingKeyword: string | undefined;
  /** Every bare word of the SQL, upper-cased; INSERT data is not SQL and is not scanned. */
  words: ReadonlySet<string>;
  /** Output format named by the statement's trailing FORMAT clause, as written. */
  format: string | undefined;
  /**
   * Where that clause (`FORMAT <name>`) stands in the SQL, so it can be cut out and the format
   * passed as the default instead: what the engine is asked to explain and to run is then the
   * same text (see clickhouse/query-tables.ts).
   */
  formatClause: { start: number; end: number } | undefined;
}

/**
 * What the endpoint needs to know about a query before running it: how many statements it
 * holds, what kind they are, and the output format it asks for. A best-effort reading of the
 * tokens, not a parse: the engine remains the judge of the SQL itself.
 */
export function describeQuery(sql: string): QueryDescription {
  const statements: SqlToken[][] = [];
  const words = new Set<string>();
  let current: SqlToken[] = [];
  for (const token of sqlTokens(sql)) {
    if (token.kind === 'symbol' && token.text === ';') {
      if (current.length > 0) statements.push(current);
      current = [];
      continue;
    }
    current.push(token);
    if (token.kind === 'word') words.add(token.text.toUpperCase());
    if (insertDataStartsAfter(current)) break;
  }
  if (current.length > 0) statements.push(current);

  const first = statements[0] ?? [];
  const leading = first[0];
  const leadingKeyword = leading?.kind === 'word' ? leading.text.toUpperCase() : leading?.text;
  // An INSERT's FORMAT names its input; its output is nothing worth a format.
  const format = leadingKeyword === 'INSERT' ? undefined : trailingFormat(first);
  return {
    statementCount: statements.length,
    leadingKeyword,
    words,
    format: format?.name,
    formatClause: format && { start: format.start, end: format.end },
  };
}

/** `INSERT … VALUES` and `INSERT … FORMAT <name>` are followed by data, not SQL. */
function insertDataStartsAfter(statement: readonly SqlToken[]): boolean {
  if (!isWord(statement[0], 'INSERT')) return false;
  const last = statement.at(-1);
  return isWord(last, 'VALUES') || (statement.length >= 2 && isWord(statement.at(-2), 'FORMAT'));
}

/**
 * The name after a FORMAT keyword outside brackets that only SETTINGS may follow, so that a
 * column or function called `format` is not mistaken for the clause.
 */
function trailingFormat(
  statement: readonly SqlToken[],
): { name: string; start: number; end: number } | undefined {
  let depth = 0;
  let format: { name: string; start: number; end: number } | undefined;
  for (const [index, token] of statement.entries()) {
    if (token.kind === 'symbol' && '([{'.includes(token.text)) depth++;
    else if (token.kind === 'symbol' && ')]}'.includes(token.text)) depth--;
    else if (depth === 0 && isWord(token, 'FORMAT')) {
      const name = statement[index + 1];
      const after = statement[index + 2];
      const isName = name?.kind === 'word' || name?.kind === 'quoted-identifier';
      if (isName && (after === undefined || isWord(after, 'SETTINGS'))) {
        format = { name: unquote(name), start: token.start, end: name.end };
      }
    }
  }
  return format;
}

function isWord(token: SqlToken | undefined, word: string): boolean {
  return token?.kind === 'word' && token.text.toUpperCase() === word;
}

function unquote(token: SqlToken): string {
  return token.kind === 'quoted-identifier' ? token.text.slice(1, -1) : token.text;
}
