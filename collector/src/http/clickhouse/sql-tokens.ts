export type SqlTokenKind = 'word' | 'string' | 'quoted-identifier' | 'heredoc' | 'symbol';

export interface SqlToken {
  kind: SqlTokenKind;
  /** The token as written, quotes included. */
  text: string;
  /** Offset of the token's first character in the SQL, and of the character after its last. */
  start: number;
  end: number;
}

const WORD_CHAR = /[A-Za-z0-9_$]/;

/**
 * The significant tokens of ClickHouse SQL, comments and whitespace dropped. It follows
 * ClickHouse's lexer wherever that decides what is code and what is not — quotes with
 * backslash escapes and doubled quotes, `$tag$` heredocs, `--`, `//`, `# ` and nested
 * block comments — so a keyword hidden from this scan is hidden from the engine too.
 * Lazy, so a caller can stop where the rest of the text is data rather than SQL.
 */
export function* sqlTokens(sql: string): Generator<SqlToken> {
  let heredocs: ReadonlyMap<number, number> | undefined;
  let pos = 0;
  while (pos < sql.length) {
    const start = pos;
    const char = sql[pos]!;
    const next = sql[pos + 1];
    if (/\s/.test(char)) {
      pos++;
    } else if ((char === '-' && next === '-') || (char === '/' && next === '/')) {
      pos = lineEnd(sql, pos);
    } else if (char === '#' && (next === ' ' || next === '!')) {
      pos = lineEnd(sql, pos);
    } else if (char === '/' && next === '*') {
      pos = blockCommentEnd(sql, pos);
    } else if (char === "'" || char === '"' || char === '`') {
      pos = quotedEnd(sql, pos);
      yield token(char === "'" ? 'string' : 'quoted-identifier', sql, start, pos);
    } else if (char === '$' && (heredocs ??= heredocEnds(sql)).has(pos)) {
      pos = heredocs.get(pos)!;
      yield token('heredoc', sql, start, pos);
    } else if (WORD_CHAR.test(char)) {
      pos = wordEnd(sql, pos);
      // An exponent's sign belongs to its number, so `1e--3` holds no comment.
      if (/[0-9]/.test(char) && /[eEpP]/.test(sql[pos - 1]!) && /[-+]/.test(sql[pos] ?? '')) {
        pos = wordEnd(sql, pos + 1);
      }
      yield token('word', sql, start, pos);
    } else {
      pos++;
      yield token('symbol', sql, start, pos);
    }
  }
}

function token(kind: SqlTokenKind, sql: string, start: number, end: number): SqlToken {
  return { kind, text: sql.slice(start, end), start, end };
}

function wordEnd(sql: string, from: number): number {
  let pos = from;
  while (pos < sql.length && WORD_CHAR.test(sql[pos]!)) pos++;
  return pos;
}

function lineEnd(sql: string, from: number): number {
  const newline = sql.indexOf('\n', from);
  return newline === -1 ? sql.length : newline;
}

/** Block comments nest; an unclosed one runs to the end, as in ClickHouse (a syntax error there). */
function blockCommentEnd(sql: string, from: number): number {
  let depth = 0;
  let pos = from;
  while (pos < sql.length - 1) {
    const pair = sql.slice(pos, pos + 2);
    if (pair === '/*') {
      depth++;
      pos += 2;
    } else if (pair === '*/') {
      depth--;
      pos += 2;
      if (depth === 0) return pos;
    } else {
      pos++;
    }
  }
  return sql.length;
}

/** A backslash escapes the next character and a doubled quote stands for one; unclosed runs to the end. */
function quotedEnd(sql: string, from: number): number {
  const quote = sql[from];
  let pos = from + 1;
  while (pos < sql.length) {
    const char = sql[pos];
    if (char === '\\') {
      pos += 2;
    } else if (char === quote) {
      if (sql[pos + 1] !== quote) return pos + 1;
      pos += 2;
    } else {
      pos++;
    }
  }
  return sql.length;
}

/**
 * Where each heredoc opened at a dollar sign ends, found ClickHouse's way: its tag runs from
 * that dollar to the next one (`$$`, `$tag$`), and the heredoc to the tag's next occurrence;
 * without one, the dollar opens nothing. One backward pass links every tag to its next
 * occurrence, so text full of unclosed tags costs linear time, not a scan per dollar.
 */
function heredocEnds(sql: string): Map<number, number> {
  const dollars: number[] = [];
  for (let at = sql.indexOf('$'); at !== -1; at = sql.indexOf('$', at + 1)) dollars.push(at);
  const tagAt = (index: number) => sql.slice(dollars[index], dollars[index + 1]! + 1);
  const nextSameTag: number[] = [];
  const nearestAhead = new Map<string, number>();
  for (let index = dollars.length - 2; index >= 0; index--) {
    const tag = tagAt(index);
    nextSameTag[index] = nearestAhead.get(tag) ?? -1;
    nearestAhead.set(tag, index);
  }
  const ends = new Map<number, number>();
  for (let index = 0; index < dollars.length - 1; index++) {
    let closing = nextSameTag[index]!;
    // The closing tag starts after the opening one ends, so not at the opening's own last dollar.
    if (closing === index + 1) closing = nextSameTag[closing]!;
    if (closing !== -1) ends.set(dollars[index]!, dollars[closing]! + tagAt(index).length);
  }
  return ends;
}
