/**
 * The select-list entries a view's `version` adds to its first definition: `added[i]` holds the
 * entries version i + 1 introduced, so version n lists those of versions 2 to n, in order. A
 * migration renders the version it set, and keeps rendering it when later versions add columns
 * (shipped-migrations.test.ts holds every migration to the SQL it shipped with).
 */
export function addedColumnsSql(
  added: ReadonlyArray<readonly string[]>,
  version: number,
  indent = '    ',
): string {
  if (!Number.isInteger(version) || version < 1 || version > added.length) {
    throw new Error(`no version ${version} of this view (1 to ${added.length})`);
  }
  return added
    .slice(1, version)
    .flat()
    .map((column) => `,\n${indent}${column}`)
    .join('');
}
