import { randomUUID } from 'node:crypto';
import type { ChdbResult } from 'chdb';
import { sqlStringLiteral } from './sql-text.js';

/**
 * The setting that marks a read so it can be found among the engine's running queries: one of
 * inserts, so it changes nothing for a read, and not one a reader may set (see the allow list
 * of http/clickhouse/accepted-settings.ts), unlike `log_comment`, which is the reader's own.
 */
const MARK_SETTING = 'insert_deduplication_token';

/** How often a kill is tried again while the query runs on: it may not have registered yet. */
const KILL_RETRY_MS = 200;

/**
 * Runs one chDB read that stops in the engine when `signal` aborts. chDB's own `signal` only
 * settles the promise early and leaves the engine computing, out of sight of every limit
 * counting running queries; so the query is marked instead (a setting of the session it runs
 * in) and killed by that mark from a session of its own, and what this returns settles when
 * the engine is really done. `run` gets the settings to open its session with. Only for reads:
 * the mark would be an insert's deduplication token.
 */
export async function runKillableQuery(
  path: string,
  settings: Readonly<Record<string, string>>,
  signal: AbortSignal | undefined,
  run: (settings: Record<string, string>) => Promise<ChdbResult>,
): Promise<ChdbResult> {
  if (signal === undefined) return run({ ...settings });
  signal.throwIfAborted();
  const mark = `ragtrace-read-${randomUUID()}`;
  const running = run({ ...settings, [MARK_SETTING]: mark });
  let settled = false;
  const kill = async (): Promise<void> => {
    while (!settled) {
      await killMarked(path, mark);
      await new Promise((resolve) => setTimeout(resolve, KILL_RETRY_MS));
    }
  };
  const onAbort = () => void kill();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await running;
  } finally {
    settled = true;
    signal.removeEventListener('abort', onAbort);
  }
}

async function killMarked(path: string, mark: string): Promise<void> {
  const { Session } = await import('chdb');
  const session = new Session(path);
  try {
    await session.queryAsync(
      `KILL QUERY WHERE Settings[${sqlStringLiteral(MARK_SETTING)}] = ${sqlStringLiteral(mark)} ASYNC`,
      { format: 'TabSeparated' },
    );
  } catch {
    // Nothing to do: the next try, or the query's own end, settles it.
  } finally {
    session.close();
  }
}
