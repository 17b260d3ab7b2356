import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BenchOtlpSink {
  /** Base URL; each exporter gets its own path prefix, e.g. `${url}/ragtrace`. */
  readonly url: string;
  /** Bodies received per request path (e.g. `/ragtrace/v1/traces`), kept to report what was exported. */
  readonly bodies: Map<string, Buffer[]>;
  close(): Promise<void>;
}

/**
 * The local OTLP endpoint every benchmark variant exports to: it accepts any POST with an empty
 * success response and does nothing else while the benchmark runs. It lives in the parent
 * process, so its own CPU is outside every measured child.
 */
export async function startBenchOtlpSink(): Promise<BenchOtlpSink> {
  const bodies = new Map<string, Buffer[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      bodies.set(path, [...(bodies.get(path) ?? []), Buffer.concat(chunks)]);
      response.writeHead(200, { 'content-type': 'application/x-protobuf' });
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
