import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { finished, Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import type { Caller } from '../../auth/caller.js';
import { COLLECTOR_SETTINGS } from '../../config/collector-settings.js';
import { ClickHouseQueryError } from '../../storage/storage-errors.js';
import type { ReadQueryLimits } from '../../storage/read-query-limits.js';
import type { Storage } from '../../storage/storage.js';
import { PayloadTooLargeError } from '../http-errors.js';
import type { RequestSlots } from '../request-slots.js';
import { clickHouseErrorResponse } from './clickhouse-error-response.js';
import { checkRead } from './checked-read.js';
import { engineVersionLookup } from './engine-version.js';
import { contentTypeForFormat } from './format-content-type.js';
import { functionCatalogLookup } from './function-catalog.js';
import { parseClickHouseRequest } from './parse-request.js';

export interface ClickHouseHttpRoutesOptions {
  storage: Storage;
  /**
   * Only reads, checked (checked-read.ts): the collector's endpoint. `false` makes a stand-in
   * for a ClickHouse server in tests, which runs POSTed statements, writes included, unchecked;
   * GET requests are checked reads either way, as they are read-only in ClickHouse.
   */
  readonly: boolean;
  /** Largest request body, on the wire and decompressed; the collector's default body limit if unset. */
  maxBodyBytes?: number;
  /**
   * Establishes the caller (auth/authenticate.ts). A scoped caller's queries see only its
   * project's rows; without this middleware (a ClickHouse stand-in in tests) nothing is scoped.
   */
  authorize?: MiddlewareHandler;
  /** Engine limits every read runs under; a caller may lower them, never raise them. */
  limits?: ReadQueryLimits;
  /**
   * Slots reads take (shared with the JSON API's): a read holds one from before its checks run
   * until the engine is done with it (its result sent, or the query stopped after the caller
   * hung up), so hanging up early never frees a slot the engine is still using.
   */
  readerSlots?: RequestSlots;
}

/** ClickHouse's format when neither a FORMAT clause nor `default_format` names one. */
const DEFAULT_FORMAT = 'TabSeparated';

/** What ClickHouse answers `/ping` and a bare `GET /` with. */
const OK = 'Ok.\n';

/**
 * SQL over ClickHouse's HTTP interface (README, "Read-only SQL"), so @clickhouse/client, curl and
 * Grafana's ClickHouse datasource work against the collector. Mounted at `/clickhouse`, it
 * answers there and at `/clickhouse/`; mounted at `/`, it is a ClickHouse HTTP server.
 */
export function createClickHouseHttpRoutes(options: ClickHouseHttpRoutesOptions): Hono {
  const { storage, readonly } = options;
  const maxBodyBytes = options.maxBodyBytes ?? Number(COLLECTOR_SETTINGS.maxBodyBytes.defaultValue);
  const engineVersion = engineVersionLookup(storage);
  const functions = functionCatalogLookup(storage);
  const routes = new Hono();
  if (options.authorize) routes.use(options.authorize);

  routes.get('/ping', async (c) => {
    await storage.ping();
    return c.text(OK);
  });

  // `/:trailingSlash{^$}` is an empty last segment: the mount point followed by a slash.
  routes.on(
    ['GET', 'POST'],
    ['/', '/:trailingSlash{^$}'],
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new PayloadTooLargeError(`body exceeds the ${maxBodyBytes}-byte limit`);
      },
    }),
    async (c) => {
      const started = performance.now();
      const request = await parseClickHouseRequest(c.req.raw, maxBodyBytes);
      if (c.req.method === 'GET' && request.text === '') return c.text(OK);

      const project = (c.get('caller') as Caller | undefined)?.scoped ? c.get('caller').project : undefined;
      if (!readonly && c.req.method === 'POST') {
        // A stand-in for a ClickHouse server (tests of server mode): the collector's own
        // statements, writes included, pass through as they are. Never a security boundary.
        const format = request.defaultFormat ?? DEFAULT_FORMAT;
        const result = await storage.rawQuery({
          query: request.query,
          data: request.data,
          database: request.database ?? storage.database,
          defaultFormat: format,
          readonly: false,
          queryParams: request.queryParams,
          settings: request.settings,
          queryId: request.queryId,
          signal: c.req.raw.signal,
        });
        return streamResult(c, result.stream, resultHeaders(format, result.queryId, started));
      }
      const release = options.readerSlots?.acquire() ?? (() => {});
      try {
        const read = await checkRead(request, { storage, functions, project, limits: options.limits });
        const result = await storage.rawQuery({
          query: read.sql,
          database: read.database,
          defaultFormat: read.format,
          readonly: true,
          queryParams: read.queryParams,
          settings: read.settings,
          queryId: request.queryId,
          signal: c.req.raw.signal,
        });
        // The stream ends (or is destroyed, the reader gone) when the engine has nothing left to send.
        finished(result.stream, release);
        return streamResult(c, result.stream, resultHeaders(read.format, result.queryId, started));
      } catch (error) {
        release();
        throw error;
      }
    },
  );
  routes.onError(async (error, c) =>
    clickHouseErrorResponse(
      c,
      error,
      error instanceof ClickHouseQueryError ? await engineVersion() : undefined,
    ),
  );
  return routes;
}

function resultHeaders(format: string, queryId: string, startedMs: number): Record<string, string> {
  return {
    'Content-Type': contentTypeForFormat(format),
    'X-ClickHouse-Format': format,
    'X-ClickHouse-Query-Id': queryId,
    'X-ClickHouse-Summary': summaryHeader(performance.now() - startedMs),
  };
}

function streamResult(c: Context, stream: Readable, headers: Record<string, string>): Response {
  const body = Readable.toWeb(stream) as NodeWebReadableStream<Uint8Array> as ReadableStream<Uint8Array>;
  return c.body(body, 200, headers);
}

/**
 * ClickHouse's per-query counters. The engine's figures are not passed through storage, so
 * they read 0 (clients only display them); the elapsed time is this endpoint's own.
 */
function summaryHeader(elapsedMs: number): string {
  return JSON.stringify({
    read_rows: '0',
    read_bytes: '0',
    written_rows: '0',
    written_bytes: '0',
    total_rows_to_read: '0',
    result_rows: '0',
    result_bytes: '0',
    elapsed_ns: String(Math.round(elapsedMs * 1e6)),
  });
}
