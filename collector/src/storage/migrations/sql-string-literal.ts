/**
 * A ClickHouse string literal for a value fixed in our own code (attribute names, stage names,
 * seed data) that migrations build into DDL. Values from requests are bound as query parameters
 * instead, never passed through this.
 */
export function sqlStringLiteral(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}
