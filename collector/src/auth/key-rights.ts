/**
 * What a key may do. `ingest`: send spans, logs, scores and run records. `read`: query through
 * `/clickhouse` and the GET routes of `/api`. `admin`: change what every project shares (the
 * model price list).
 */
export const KEY_RIGHTS = ['ingest', 'read', 'admin'] as const;
export type KeyRight = (typeof KEY_RIGHTS)[number];

/** Rights of a key created without `--rights`: what an instrumented app and its dashboards need. */
export const DEFAULT_KEY_RIGHTS: readonly KeyRight[] = ['ingest', 'read'];

export function isKeyRight(value: string): value is KeyRight {
  return (KEY_RIGHTS as readonly string[]).includes(value);
}
