import { serve, type HttpBindings } from '@hono/node-server';
import { createClickHouseHttpRoutes, openStorage } from '@ragtrace/collector';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * How the stand-in misbehaves, until told otherwise:
 * - `none`: serves every request.
 * - `fail`: answers every request (pings included) 503 with a plain-text body, as a proxy in
 *   front of an unhealthy server does; nothing is executed.
 * - `refuse`: drops every connection at once, open ones included, as a server that is down.
 * - `hang`: accepts requests and never answers them; nothing is executed. When the fault
 *   changes, their connections are dropped, so a held insert never lands later.
 */
export type StandInFault = 'none' | 'fail' | 'refuse' | 'hang';

export interface ClickHouseStandIn {
  /** Base URL, as RAGTRACE_CLICKHOUSE_URL or @clickhouse/client's `url` takes it. */
  url: URL;
  /** Injects a fault (or recovers with `none`); takes effect for the next request. */
  setFault(fault: StandInFault): void;
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
 *
 * Its URLs are limited as Node.js limits request headers (16 KiB), far below ClickHouse's own
 * 1 MiB but like many a proxy in front of one: a longer URL gets 431 with an empty body, which
 * @clickhouse/client reports as an error without a message.
 */
export async function startClickHouseStandIn(options: { dataDir: string }): Promise<ClickHouseStandIn> {
  const storage = await openStorage({ kind: 'embedded', dataDir: options.dataDir, database: 'default' });
  const routes = createClickHouseHttpRoutes({ storage, readonly: false, maxBodyBytes: 256 * 1024 * 1024 });
  let fault: StandInFault = 'none';
  const sockets = new Set<Socket>();
  const held = new Set<{ incoming: IncomingMessage; release: () => void }>();
  // The stand-in only ever listens over HTTP/1.1, so its bindings are always HttpBindings.
  const fetch = (request: Request, env: HttpBindings): Response | Promise<Response> => {
    if (fault === 'fail')
      return new Response('stand-in: storage unavailable (injected fault)', { status: 503 });
    if (fault === 'refuse') {
      env.incoming.socket.destroy();
      return new Response(null, { status: 503 });
    }
    if (fault === 'hang') {
      return new Promise<Response>((resolve) => {
        held.add({ incoming: env.incoming, release: () => resolve(new Response(null, { status: 503 })) });
      });
    }
    return routes.fetch(request);
  };
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = serve({
      fetch: fetch as Parameters<typeof serve>[0]['fetch'],
      hostname: '127.0.0.1',
      port: 0,
    }) as Server;
    listening.on('connection', (socket: Socket) => {
      if (fault === 'refuse') return socket.destroy();
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    listening.once('listening', () => resolve(listening));
    listening.once('error', reject);
  }).catch(async (error: unknown) => {
    await storage.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const setFault = (next: StandInFault): void => {
    fault = next;
    if (next === 'refuse') for (const socket of sockets) socket.destroy();
    if (next !== 'hang') {
      for (const request of held) {
        request.incoming.socket.destroy();
        request.release();
      }
      held.clear();
    }
  };
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    setFault,
    async close() {
      setFault('none');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Clients keep idle keep-alive sockets open; they would hold close() until they time out.
      server.closeIdleConnections();
      await closed;
      await storage.close();
    },
  };
}
