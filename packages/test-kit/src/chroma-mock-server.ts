import type { ServerResponse } from 'node:http';
import { sendJson, startLoopbackServer } from './loopback-server.js';
import type { LoopbackServer } from './loopback-server.js';
import { stableId } from './mock-reply-text.js';
import { topRecords } from './vector-store-corpus.js';

/**
 * Chroma's v2 REST API as the chromadb clients call it — 1.10 already speaks `/api/v2`: the
 * tenant and database checks (1.x makes them first), get-collection-by-name and
 * `POST .../collections/{id}/query`. Each query embedding gets the first `n_results` records of
 * {@link MOCK_VECTOR_RECORDS} with their distances (lower is closer), documents and metadatas
 * as `include` asks. A collection named `missing` is found by name but its queries get Chroma's 404,
 * as when it was deleted after the client looked it up.
 */
export const CHROMA_MISSING_COLLECTION = 'missing';

interface QueryRequest {
  readonly query_embeddings?: readonly unknown[];
  readonly n_results?: number;
  readonly include?: readonly string[];
}

const TENANT_ROUTE = /^\/api\/v2\/tenants\/([^/]+)$/;
const DATABASE_ROUTE = /^\/api\/v2\/tenants\/([^/]+)\/databases\/([^/]+)$/;
const COLLECTION_ROUTE = /^\/api\/v2\/tenants\/([^/]+)\/databases\/([^/]+)\/collections\/([^/]+)$/;
const QUERY_ROUTE = /^\/api\/v2\/tenants\/[^/]+\/databases\/[^/]+\/collections\/([^/]+)\/query$/;

/** Ids are derived from names, so a query can tell which collection it addresses. */
function stableUuid(name: string): string {
  const hex = [0, 1, 2, 3].map((salt) => stableId([name, salt])).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function notFound(response: ServerResponse, what: string): void {
  sendJson(response, 404, { error: 'NotFoundError', message: `${what} does not exist.` });
}

function collectionJson(tenant: string, database: string, name: string): unknown {
  return {
    id: stableUuid(name),
    name,
    tenant,
    database,
    metadata: null,
    configuration_json: { hnsw: null, spann: null, embedding_function: null },
    dimension: 3,
    log_position: 0,
    version: 0,
  };
}

function queryJson(request: QueryRequest): unknown {
  const include = request.include ?? ['metadatas', 'documents', 'distances'];
  const perQuery = (request.query_embeddings ?? []).map(() => topRecords(request.n_results ?? 10));
  const field = (name: string, value: (records: (typeof perQuery)[number]) => unknown): unknown =>
    include.includes(name) ? perQuery.map(value) : null;
  return {
    ids: perQuery.map((records) => records.map((record) => record.id)),
    distances: field('distances', (records) => records.map((record) => record.distance)),
    documents: field('documents', (records) => records.map((record) => record.text)),
    metadatas: field('metadatas', (records) => records.map((record) => ({ source: record.source }))),
    embeddings: null,
    uris: null,
    include,
  };
}

export function startChromaMockServer(): Promise<LoopbackServer> {
  return startLoopbackServer((request, response) => {
    const { pathname } = new URL(request.path, 'http://mock');
    const segments = (route: RegExp): string[] | undefined =>
      route
        .exec(pathname)
        ?.slice(1)
        .map((segment) => decodeURIComponent(segment));
    const tenant = segments(TENANT_ROUTE);
    if (tenant !== undefined) {
      sendJson(response, 200, { name: tenant[0] });
      return;
    }
    const database = segments(DATABASE_ROUTE);
    if (database !== undefined) {
      sendJson(response, 200, { id: stableUuid(database[1]!), name: database[1], tenant: database[0] });
      return;
    }
    const collection = segments(COLLECTION_ROUTE);
    if (collection !== undefined && request.method === 'GET') {
      const [tenantName, databaseName, name] = collection as [string, string, string];
      sendJson(response, 200, collectionJson(tenantName, databaseName, name));
      return;
    }
    const query = segments(QUERY_ROUTE);
    if (query !== undefined && request.method === 'POST') {
      if (query[0] === stableUuid(CHROMA_MISSING_COLLECTION)) notFound(response, `Collection [${query[0]}]`);
      else sendJson(response, 200, queryJson((request.body ?? {}) as QueryRequest));
      return;
    }
    notFound(response, `Route ${request.method} ${pathname}`);
  });
}
