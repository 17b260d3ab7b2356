import { sendJson, startLoopbackServer } from './loopback-server.js';
import type { LoopbackServer } from './loopback-server.js';
import { countWords } from './mock-reply-text.js';
import { topRecords } from './vector-store-corpus.js';

/**
 * Pinecone's control and data planes on one loopback server, as @pinecone-database/pinecone
 * calls them: `GET /indexes/{name}` (describe_index, which the client uses to resolve the index
 * host — answered with this server's own URL), `POST /query` and, for integrated-inference
 * indexes, `POST /records/namespaces/{namespace}/search`. Matches (hits) are the first `topK`
 * (`top_k`) records of {@link MOCK_VECTOR_RECORDS} — with metadata when `includeMetadata` is
 * set; hits always carry their fields — in the namespace the request names. An index named
 * `missing` is described, but its queries get Pinecone's 404, as when it was deleted after the
 * client resolved it.
 */
export const PINECONE_MISSING_INDEX = 'missing';

const SEARCH_RECORDS_PATH = /^\/records\/namespaces\/([^/]+)\/search$/;

interface SearchRecordsRequest {
  readonly query?: { readonly top_k?: number; readonly inputs?: { readonly text?: string } };
}

interface QueryRequest {
  readonly topK?: number;
  readonly namespace?: string;
  readonly includeMetadata?: boolean;
}

const INDEX_PATH = /^\/indexes\/([^/]+)$/;

export function startPineconeMockServer(): Promise<LoopbackServer> {
  let url = '';
  const server = startLoopbackServer((request, response) => {
    const { pathname } = new URL(request.path, 'http://mock');
    const described = INDEX_PATH.exec(pathname);
    if (request.method === 'GET' && described !== null) {
      const name = decodeURIComponent(described[1]!);
      sendJson(response, 200, {
        name,
        dimension: 3,
        metric: 'cosine',
        host: name === PINECONE_MISSING_INDEX ? `${url}/missing-index` : url,
        deletion_protection: 'disabled',
        spec: { serverless: { cloud: 'aws', region: 'us-east-1' } },
        status: { ready: true, state: 'Ready' },
        vector_type: 'dense',
      });
      return;
    }
    if (request.method === 'POST' && pathname === '/query') {
      const body = (request.body ?? {}) as QueryRequest;
      sendJson(response, 200, {
        matches: topRecords(body.topK).map((record) => ({
          id: record.id,
          score: record.score,
          values: [],
          ...(body.includeMetadata === true
            ? { metadata: { text: record.text, source: record.source } }
            : {}),
        })),
        namespace: body.namespace ?? '',
        usage: { readUnits: 5 },
      });
      return;
    }
    if (request.method === 'POST' && SEARCH_RECORDS_PATH.test(pathname)) {
      const query = (request.body as SearchRecordsRequest | undefined)?.query;
      sendJson(response, 200, {
        result: {
          hits: topRecords(query?.top_k).map((record) => ({
            _id: record.id,
            _score: record.score,
            fields: { text: record.text, source: record.source },
          })),
        },
        usage: { read_units: 1, embed_total_tokens: countWords(query?.inputs?.text ?? '') },
      });
      return;
    }
    sendJson(response, 404, {
      error: { code: 'NOT_FOUND', message: `Resource ${pathname} not found` },
      status: 404,
    });
  });
  return server.then((started) => {
    url = started.url;
    return started;
  });
}
