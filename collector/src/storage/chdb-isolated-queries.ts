import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ChdbResult, Session } from 'chdb';
import { runKillableQuery } from './chdb-kill-on-abort.js';
import { parseEngineExceptionText } from './engine-exception-text.js';
import type { IsolatedQueries } from './isolated-queries.js';
import { quoteIdentifier, sqlStringLiteral } from './sql-text.js';
import { ClickHouseQueryError, StorageUnavailableError } from './storage-errors.js';
import type { RawQueryParams, RawQueryResult } from './storage.js';

/**
 * Queries with settings over embedded chDB, each on a session of its own opened with those
 * settings as the engine's connection arguments (`--name=value`, as `clickhouse local` takes
 * them). No setting ever becomes SQL text: chDB's client adapter would prefix `SET name =
 * '<value>';` statements to the query and run the lot as one multi-statement text, which is how
 * a second statement hidden from a checker would run. Every text run here is one statement.
 */
export function chdbIsolatedQueries(path: string, defaultDatabase: string): IsolatedQueries {
  return {
    async rawQuery(params: RawQueryParams): Promise<RawQueryResult> {
      const settings = { ...params.settings, ...(params.readonly ? { readonly: '1' } : {}) };
      const text = params.data
        ? `${params.query}\n${Buffer.from(params.data).toString('utf8')}`
        : params.query;
      const run = (sessionSettings: Record<string, string>) =>
        inSession(path, sessionSettings, async (session) => {
          await statement(session, `USE ${quoteIdentifier(params.database)}`);
          // Parameter values come in the HTTP interface's text form, which `SET param_<name>`
          // hands the engine unchanged (queryBind would quote them as values a second time).
          for (const [name, value] of Object.entries(params.queryParams ?? {})) {
            await statement(session, `SET ${quoteIdentifier(`param_${name}`)} = ${sqlStringLiteral(value)}`);
          }
          return engineCall(() => session.queryAsync(withoutNul(text), { format: params.defaultFormat }));
        });
      // A write (the stand-in for a server in tests) is left to finish: it cannot be marked.
      const result = params.readonly
        ? await runKillableQuery(path, settings, params.signal, run)
        : await run(settings);
      // A view of the engine's buffer, not a copy: a result may take up to the memory limit.
      const bytes = result.bytes();
      return {
        stream: Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]),
        queryId: params.queryId ?? randomUUID(),
      };
    },

    async queryRows<T>(
      query: string,
      params: Record<string, unknown> | undefined,
      settings: Record<string, string>,
      signal?: AbortSignal,
    ): Promise<T[]> {
      const result = await runKillableQuery(path, settings, signal, (marked) =>
        inSession(path, marked, async (session) => {
          await statement(session, `USE ${quoteIdentifier(defaultDatabase)}`);
          const options = { format: 'JSONEachRow' };
          return engineCall(() =>
            params === undefined || Object.keys(params).length === 0
              ? session.queryAsync(query, options)
              : session.queryBindAsync(query, params, options),
          );
        }),
      );
      return result
        .text()
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as T);
    },
  };
}

/** Runs `work` in a session opened with `settings`, closed when the work is done. */
async function inSession(
  path: string,
  settings: Readonly<Record<string, string>>,
  work: (session: Session) => Promise<ChdbResult>,
): Promise<ChdbResult> {
  const session = await openSession(path, settings);
  try {
    return await work(session);
  } finally {
    session.close();
  }
}

async function openSession(path: string, settings: Readonly<Record<string, string>>): Promise<Session> {
  const { Session: ChdbSession } = await import('chdb');
  const connectionArgs = Object.entries(settings).map(([name, value]) => {
    if (!SETTING_NAME.test(name)) throw refusal(36, 'BAD_ARGUMENTS', `Invalid setting name '${name}'`);
    return `--${name}=${withoutNul(value)}`;
  });
  try {
    return new ChdbSession(path, { connectionArgs });
  } catch (error) {
    // The engine says only that it could not connect; with settings given, they are the cause
    // far more often than the data directory it has open already.
    if (connectionArgs.length === 0) {
      throw new StorageUnavailableError(`ClickHouse is unavailable: ${(error as Error).message}`, {
        cause: error,
      });
    }
    throw refusal(
      36,
      'BAD_ARGUMENTS',
      `The engine refused these settings: ${Object.keys(settings).join(', ')} (an unknown name or a value of the wrong type)`,
      error,
    );
  }
}

const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

async function statement(session: Session, sql: string): Promise<void> {
  await engineCall(() => session.queryAsync(sql, { format: 'TabSeparated' }));
}

/**
 * The engine reads its input as C strings: a NUL would cut the text short there, so a value
 * with one could silently lose the rest of the query. ClickHouse's lexer refuses it anyway.
 */
function withoutNul(text: string): string {
  if (text.includes('\0'))
    throw refusal(62, 'SYNTAX_ERROR', 'Unrecognized token: the text contains a NUL character');
  return text;
}

/** chDB's typed errors carry ClickHouse's code; the exception's name ends its message. */
async function engineCall(call: () => Promise<ChdbResult>): Promise<ChdbResult> {
  try {
    return await call();
  } catch (error) {
    const code = (error as { clickhouseCode?: unknown }).clickhouseCode;
    const text = error instanceof Error ? error.message : String(error);
    const exact = parseEngineExceptionText(text);
    if (typeof code === 'number' && exact) throw refusal(code, exact.type, exact.message, error);
    throw new StorageUnavailableError(`ClickHouse is unavailable: ${text}`, { cause: error });
  }
}

function refusal(code: number, type: string, message: string, cause?: unknown): ClickHouseQueryError {
  return new ClickHouseQueryError(message, code, type, { cause });
}
