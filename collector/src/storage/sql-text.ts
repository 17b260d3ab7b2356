/** Backtick-quotes a ClickHouse identifier: any name is read back as exactly itself. */
export function quoteIdentifier(name: string): string {
  return '`' + name.replaceAll('\\', '\\\\').replaceAll('`', '\\`') + '`';
}

/**
 * A ClickHouse string literal: every backslash and quote escaped, so any string is read back
 * as exactly itself. For names and values of our own (DDL, filters) and for the one place a
 * caller's value must be SQL text (`SET param_…` on embedded storage); values of queries are
 * bound as parameters instead.
 */
export function sqlStringLiteral(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}
