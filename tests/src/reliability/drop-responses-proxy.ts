import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface DropResponsesProxy {
  /** Base URL to send requests to instead of the target's. */
  url: string;
  /** Responses swallowed so far. */
  dropped(): number;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of the collector that lets every request through but, for every
 * `dropEvery`-th response, closes the client's connection instead of passing the response on:
 * the request was handled (its spans stored), and the client cannot know. That is the case
 * that makes clients resend data the collector already has.
 */
export async function startDropResponsesProxy(
  target: string,
  dropEvery: number,
): Promise<DropResponsesProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let responses = 0;
  let dropped = 0;
  const server = createServer((client) => {
    const upstream = createConnection({ host: hostname, port: Number(port) });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      // Responses here are a few hundred bytes: one chunk is one response.
      if (++responses % dropEvery === 0) {
        dropped++;
        client.destroy();
        upstream.destroy();
      } else {
        client.write(chunk);
      }
    });
    upstream.once('end', () => client.end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    dropped: () => dropped,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
