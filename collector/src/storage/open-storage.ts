import { createClient } from '@clickhouse/client';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chdbIsolatedQueries } from './chdb-isolated-queries.js';
import { ClickHouseStorage } from './clickhouse-storage.js';
import { quoteIdentifier } from './sql-text.js';
import { SERVER_REQUEST_TIMEOUT_MS, serverIsolatedQueries } from './server-isolated-queries.js';

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
  const client = createClient({ connection: createChdbConnection({ path }) as unknown as ClientConnection });
  // chDB ignores the client's `database` option; a session-wide USE gives unqualified names
  // the meaning they have against a server. It runs before migrations create the database.
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(database)}` });
  await client.command({ query: `USE ${quoteIdentifier(database)}` });
  // Sessions on the engine's one data directory share its tables but not their settings.
  const isolated = chdbIsolatedQueries(path, database);
  return new ClickHouseStorage({ kind: 'embedded', database, client, isolated });
}

function openServer(url: URL, database: string): ClickHouseStorage {
  // The database may not exist yet (migrations create it): the main client names `default`
  // only for the connection and always qualifies table names itself.
  const client = createClient({ url, database: 'default', request_timeout: SERVER_REQUEST_TIMEOUT_MS });
  const isolated = serverIsolatedQueries(url, client);
  const storage = new ClickHouseStorage({ kind: 'server', database, client, isolated });
  storage.onClose(() => isolated.close());
  return storage;
}
