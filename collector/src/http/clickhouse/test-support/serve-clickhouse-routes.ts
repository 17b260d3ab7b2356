import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../../../storage/open-storage.js';
import type { Storage } from '../../../storage/storage.js';
import { createClickHouseHttpRoutes } from '../routes.js';

export interface ServedClickHouseRoutes {
  /** The server's base URL; the routes answer under `/clickhouse`. */
  url: URL;
  storage: Storage;
  close(): Promise<void>;
}

/**
 * The `/clickhouse` routes mounted the way the collector mounts them, over embedded storage
 * (database `otel`) in a fresh temp dir, on a free loopback port. One per test process:
 * chDB holds one data dir per process.
 */
export async function serveClickHouseRoutes(options: { readonly: boolean }): Promise<ServedClickHouseRoutes> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ragtrace-clickhouse-routes-'));
  const storage = await openStorage({ kind: 'embedded', dataDir, database: 'otel' });
  const app = new Hono();
  app.route('/clickhouse', createClickHouseHttpRoutes({ storage, readonly: options.readonly }));
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server;
    listening.once('listening', () => resolve(listening));
    listening.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    storage,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await storage.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
