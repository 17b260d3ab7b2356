import type { ServerResponse } from 'node:http';
import { sendJson, startLoopbackServer } from './loopback-server.js';
import type { LoopbackServer } from './loopback-server.js';
import { MOCK_VECTOR_RECORDS, topRecords } from './vector-store-corpus.js';
import type { MockVectorRecord } from './vector-store-corpus.js';

/**
 * Qdrant's REST API as @qdrant/js-client-rest calls it: `GET /` (the client's version check),
 * and under `/collections/{name}/points/` the `search`, `recommend`, `discover` and `query`
 * routes with their `/batch` forms, and the `/groups` forms of search, recommend and query.
 * Hits are the first `limit` records of {@link MOCK_VECTOR_RECORDS} (Qdrant's default of 10 when
 * no limit is sent), with their payload unless `with_payload` is false; groups gather them by
 * their `source` payload field, in order of first appearance, `limit` groups of at most
 * `group_size` hits. A collection named {@link QDRANT_MISSING_COLLECTION} gets Qdrant's 404;
 * one named {@link QDRANT_ODD_SHAPE_COLLECTION} answers every query with a result of a shape no
 * client version expects.
 */
export const QDRANT_MISSING_COLLECTION = 'missing';
export const QDRANT_ODD_SHAPE_COLLECTION = 'odd-shape';

interface PointsRequest {
  readonly limit?: number;
  readonly with_payload?: unknown;
  readonly group_size?: number;
}

const QDRANT_DEFAULT_LIMIT = 10;
const QDRANT_DEFAULT_GROUP_SIZE = 3;
const POINTS_ROUTE = /^\/collections\/([^/]+)\/points\/(search|recommend|discover|query)(\/batch|\/groups)?$/;

function scoredPoint(record: MockVectorRecord, request: PointsRequest): unknown {
  return {
    id: record.pointId,
    version: 1,
    score: record.score,
    ...(request.with_payload === false ? {} : { payload: { text: record.text, source: record.source } }),
  };
}

function scoredPoints(request: PointsRequest): unknown[] {
  return topRecords(request.limit ?? QDRANT_DEFAULT_LIMIT).map((record) => scoredPoint(record, request));
}

function groups(request: PointsRequest): unknown {
  const sources = [...new Set(MOCK_VECTOR_RECORDS.map((record) => record.source))];
  return {
    groups: sources.slice(0, request.limit ?? QDRANT_DEFAULT_LIMIT).map((source) => ({
      id: source,
      hits: MOCK_VECTOR_RECORDS.filter((record) => record.source === source)
        .slice(0, request.group_size ?? QDRANT_DEFAULT_GROUP_SIZE)
        .map((record) => scoredPoint(record, request)),
    })),
  };
}

/** `query` wraps its points in an object; `search`, `recommend` and `discover` return the list itself. */
function resultFor(operation: string, request: PointsRequest): unknown {
  const points = scoredPoints(request);
  return operation === 'query' ? { points } : points;
}

function reply(response: ServerResponse, status: number, result: unknown): void {
  sendJson(
    response,
    status,
    status === 200 ? { result, status: 'ok', time: 0.0001 } : { status: result, time: 0.0001 },
  );
}

export function startQdrantMockServer(): Promise<LoopbackServer> {
  return startLoopbackServer((request, response) => {
    const { pathname } = new URL(request.path, 'http://mock');
    if (request.method === 'GET' && pathname === '/') {
      sendJson(response, 200, { title: 'qdrant - vector search engine', version: '1.18.0' });
      return;
    }
    const route = POINTS_ROUTE.exec(pathname);
    if (request.method !== 'POST' || route === null) {
      reply(response, 404, { error: `Not found: ${pathname}` });
      return;
    }
    const [, collection, operation, form] = route as unknown as [string, string, string, string | undefined];
    switch (decodeURIComponent(collection)) {
      case QDRANT_MISSING_COLLECTION:
        reply(response, 404, {
          error: `Not found: Collection \`${QDRANT_MISSING_COLLECTION}\` doesn't exist!`,
        });
        return;
      case QDRANT_ODD_SHAPE_COLLECTION:
        reply(response, 200, { unexpected: true });
        return;
    }
    const body = (request.body ?? {}) as PointsRequest & { searches?: readonly PointsRequest[] };
    if (form === '/groups') reply(response, 200, groups(body));
    else if (form === '/batch')
      reply(
        response,
        200,
        (body.searches ?? []).map((search) => resultFor(operation, search)),
      );
    else reply(response, 200, resultFor(operation, body));
  });
}
