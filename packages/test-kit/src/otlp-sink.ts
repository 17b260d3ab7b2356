import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { listenOnLoopback } from './listen-on-loopback.js';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface OtlpSink {
  /** Base URL, e.g. http://127.0.0.1:40123 (no path). */
  readonly url: string;
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** A loopback HTTP server that answers every POST with `status` and an empty OTLP response body. */
export async function startOtlpSink(status = 200): Promise<OtlpSink> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      });
      const json = request.headers['content-type'] === 'application/json';
      response.writeHead(status, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
      response.end(json ? '{}' : undefined);
    });
  });
  return { ...(await listenOnLoopback(server)), requests };
}
