import { serve } from '@hono/node-server';
import { createClickHouseHttpRoutes, openStorage } from '@ragtrace/collector';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ClickHouseStandIn {
  /** Base URL, as RAGTRACE_CLICKHOUSE_URL or @clickhouse/client's `url` takes it. */
  url: URL;
  close(): Promise<void>;
}

/**
 * Something that speaks ClickHouse's HTTP interface with writes allowed, for testing server
 * mode where no ClickHouse server can be installed: the collector's own `/clickhouse` routes
 * over chDB, mounted at `/` like a server's.
 *
 * Databases behave as on a server: storage opens `default`, and each request runs in a chDB
 * session of its own whose current database is the request's `database` parameter, so a
 * client may name any database that exists (the collector's server mode names `default` and
 * its own, and qualifies table names anyway).
 */
export async function startClickHouseStandIn(options: { dataDir: string }): Promise<ClickHouseStandIn> {
  const storage = await openStorage({ kind: 'embedded', dataDir: options.dataDir, database: 'default' });
  const routes = createClickHouseHttpRoutes({ storage, readonly: false, maxBodyBytes: 256 * 1024 * 1024 });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = serve({ fetch: routes.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
    listening.once('listening', () => resolve(listening));
    listening.once('error', reject);
  }).catch(async (error: unknown) => {
    await storage.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Clients keep idle keep-alive sockets open; they would hold close() until they time out.
      server.closeIdleConnections();
      await closed;
      await storage.close();
    },
  };
}
