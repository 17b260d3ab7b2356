import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ClickHouseStorage } from './clickhouse-storage.js';

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

export type StorageTarget =
  | { kind: 'embedded'; dataDir: string; database: string }
  /** `cluster`: the schema is created ON CLUSTER, replicated and distributed (cluster-ddl.ts). */
  | { kind: 'server'; url: URL; database: string; cluster?: string };

/** Subdirectory of the data dir that holds chDB's files (the spool will live beside it). */
const EMBEDDED_ENGINE_DIR = 'clickhouse';

/** Opens the configured ClickHouse: chDB in this process, or a server over HTTP. */
export async function openStorage(target: StorageTarget): Promise<ClickHouseStorage> {
  return target.kind === 'embedded'
    ? openEmbedded(target.dataDir, target.database)
    : openServer(target.url, target.database);
}

async function openEmbedded(dataDir: string, database: string): Promise<ClickHouseStorage> {
  const path = join(dataDir, EMBEDDED_ENGINE_DIR);
  await mkdir(path, { recursive: true });
  // Loaded lazily so server mode never maps the engine's native library into memory.
  const { createChdbConnection } = await import('chdb/connection');
  // chdb types its connection against @clickhouse/client-common while @clickhouse/client
  // bundles its own copy of the same interface; the shapes match, the declarations don't.
  const connect = (): ClickHouseClient =>
    createClient({ connection: createChdbConnection({ path }) as unknown as ClientConnection });
  // chDB ignores the client's `database` option; a session-wide USE gives unqualified names
  // the meaning they have against a server.
  const useDatabase = (client: ClickHouseClient, name: string) =>
    client.command({ query: `USE ${quoteIdentifier(name)}` });
  const client = connect();
  // The main session's USE runs before migrations create the database, so create it here.
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(database)}` });
  await useDatabase(client, database);
  return new ClickHouseStorage({
    kind: 'embedded',
    database,
    client,
    // Sessions on the engine's one data directory share its tables but not their settings.
    rawQueryClient: async (name) => {
      const session = connect();
      try {
        await useDatabase(session, name);
      } catch (error) {
        await session.close();
        throw error;
      }
      return { client: session, release: () => session.close() };
    },
  });
}

/**
 * Clients per requested database kept at once: `/clickhouse` callers choose the database, so
 * the cache is bounded, the least recently used client closed (once its requests are done).
 */
const MAX_DATABASE_CLIENTS = 8;

interface DatabaseClient {
  client: ClickHouseClient;
  inFlight: number;
  evicted: boolean;
}

function openServer(url: URL, database: string): ClickHouseStorage {
  // A Map iterates in insertion order: re-inserting on use keeps the least recent first.
  const clients = new Map<string, DatabaseClient>();
  const closeWhenIdle = async (entry: DatabaseClient): Promise<void> => {
    if (entry.evicted && entry.inFlight === 0) await entry.client.close();
  };
  const acquire = async (db: string) => {
    let entry = clients.get(db);
    if (entry === undefined) {
      entry = {
        client: createClient({ url, database: db, request_timeout: 30_000 }),
        inFlight: 0,
        evicted: false,
      };
      if (clients.size >= MAX_DATABASE_CLIENTS) {
        const [oldestName, oldest] = clients.entries().next().value as [string, DatabaseClient];
        clients.delete(oldestName);
        oldest.evicted = true;
        await closeWhenIdle(oldest);
      }
    }
    clients.delete(db);
    clients.set(db, entry);
    entry.inFlight += 1;
    const acquired = entry;
    return {
      client: acquired.client,
      release: async () => {
        acquired.inFlight -= 1;
        await closeWhenIdle(acquired);
      },
    };
  };
  // The database may not exist yet (migrations create it): the main client names `default`
  // only for the connection and always qualifies table names itself.
  const main = createClient({ url, database: 'default', request_timeout: 30_000 });
  const storage = new ClickHouseStorage({
    kind: 'server',
    database,
    client: main,
    // Over HTTP every request is its own context, so one client per database serves them all.
    rawQueryClient: acquire,
  });
  storage.onClose(async () => {
    for (const entry of clients.values()) await entry.client.close();
  });
  return storage;
}

/** Backtick-quotes a ClickHouse identifier. */
export function quoteIdentifier(name: string): string {
  return '`' + name.replaceAll('\\', '\\\\').replaceAll('`', '\\`') + '`';
}
