import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

type JsonAnyValue = {
  stringValue?: string;
  intValue?: number | string;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: JsonAnyValue[] };
};

export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: number;
  readonly status: { code?: number };
  readonly attributes: Readonly<Record<string, unknown>>;
}

interface JsonTraceExport {
  resourceSpans?: {
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        status?: { code?: number };
        attributes?: { key: string; value: JsonAnyValue }[];
      }[];
    }[];
  }[];
}

/** A run record the SDK posted (`/api/runs` for a start, `/api/runs/:id/end` for an end). */
export interface ReceivedRunRecord {
  readonly path: string;
  readonly body: Readonly<Record<string, unknown>>;
}

export interface OtlpJsonSink {
  /** Base URL for OTEL_EXPORTER_OTLP_ENDPOINT / the demo's endpoint option. */
  readonly url: string;
  readonly spans: ReceivedSpan[];
  readonly runRecords: ReceivedRunRecord[];
  /** Count of POST /v1/traces bodies received. */
  readonly requestCount: () => number;
  close(): Promise<void>;
}

function plain(value: JsonAnyValue): unknown {
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(plain);
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.doubleValue ?? value.boolValue;
}

/**
 * A stand-in collector for OTLP/HTTP JSON: it answers every POST /v1/traces with `status` and
 * keeps the spans (attributes flattened to plain values) when that status is a success. Run
 * records posted under /api/runs are kept and acknowledged, as the collector's runs API does.
 */
export async function startOtlpJsonSink(status = 200): Promise<OtlpJsonSink> {
  const spans: ReceivedSpan[] = [];
  const runRecords: ReceivedRunRecord[] = [];
  let requests = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'POST' && request.url?.startsWith('/api/runs') === true) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        runRecords.push({ path: request.url, body });
        response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ run: body }));
        return;
      }
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      requests += 1;
      if (status === 200) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as JsonTraceExport;
        for (const resource of body.resourceSpans ?? []) {
          for (const scope of resource.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({
                traceId: span.traceId,
                spanId: span.spanId,
                parentSpanId: span.parentSpanId ?? '',
                name: span.name,
                kind: span.kind,
                status: span.status ?? {},
                attributes: Object.fromEntries(
                  (span.attributes ?? []).map(({ key, value }) => [key, plain(value)]),
                ),
              });
            }
          }
        }
      }
      response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    runRecords,
    requestCount: () => requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
