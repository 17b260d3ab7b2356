import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import type { Caller } from '../../auth/caller.js';
import { projectTableFilters, TABLE_FILTERS_SETTING } from '../../auth/project-filters.js';
import { COLLECTOR_SETTINGS } from '../../config/collector-settings.js';
import { ClickHouseQueryError } from '../../storage/storage-errors.js';
import type { Storage } from '../../storage/storage.js';
import { PayloadTooLargeError } from '../http-errors.js';
import { clickHouseErrorResponse } from './clickhouse-error-response.js';
import { describeQuery } from './describe-query.js';
import { engineVersionLookup } from './engine-version.js';
import { explainAst } from './explain-ast.js';
import { contentTypeForFormat } from './format-content-type.js';
import { parseClickHouseRequest } from './parse-request.js';
import { enforceQueryPolicy } from './query-policy.js';
import { enforceTableAccess } from './table-access-policy.js';

export interface ClickHouseHttpRoutesOptions {
  storage: Storage;
  /**
   * Refuse writes, DDL and changes of `readonly` (ClickHouse's readonly=2). GET requests are
   * read-only either way, as in ClickHouse.
   */
  readonly: boolean;
  /** Largest request body, on the wire and decompressed; the collector's default body limit if unset. */
  maxBodyBytes?: number;
  /**
   * Establishes the caller (auth/authenticate.ts). A scoped caller's queries see only its
   * project's rows; without this middleware (a ClickHouse stand-in in tests) nothing is scoped.
   */
  authorize?: MiddlewareHandler;
}

/** ClickHouse's format when neither a FORMAT clause nor `default_format` names one. */
const DEFAULT_FORMAT = 'TabSeparated';

/** What ClickHouse answers `/ping` and a bare `GET /` with. */
const OK = 'Ok.\n';

/**
 * SQL over ClickHouse's HTTP interface (DESIGN.md §3), so @clickhouse/client, curl and
 * Grafana's ClickHouse datasource work against the collector. Mounted at `/clickhouse`, it
 * answers there and at `/clickhouse/`; mounted at `/`, it is a ClickHouse HTTP server.
 */
export function createClickHouseHttpRoutes(options: ClickHouseHttpRoutesOptions): Hono {
  const { storage, readonly } = options;
  const maxBodyBytes = options.maxBodyBytes ?? Number(COLLECTOR_SETTINGS.maxBodyBytes.defaultValue);
  const engineVersion = engineVersionLookup(storage);
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
      const request = await parseClickHouseRequest(c.req.raw, maxBodyBytes);
      if (c.req.method === 'GET' && request.text === '') return c.text(OK);

      const readOnlyRequest = readonly || c.req.method !== 'POST';
      const query = describeQuery(request.text);
      await enforceQueryPolicy(query, request.text, { readonly: readOnlyRequest, storage });
      const format = query.format ?? request.defaultFormat ?? DEFAULT_FORMAT;
      const database = request.database ?? storage.database;
      const project = (c.get('caller') as Caller | undefined)?.scoped ? c.get('caller').project : undefined;
      // A read runs exactly the text the engine parsed for the access check: the whole text
      // (query parameter and body, as ClickHouse reads it) with its FORMAT clause cut out and
      // passed as the default format instead, which changes nothing in the output.
      const checked = readOnlyRequest ? withoutFormatClause(request.text, query.formatClause) : undefined;
      if (checked !== undefined) {
        await enforceTableAccess(await explainAst(storage, checked, request.queryParams), {
          storage,
          database,
          project,
          settings: request.settings,
        });
      }
      const started = performance.now();
      const result = await storage.rawQuery({
        query: checked ?? request.query,
        data: checked === undefined ? request.data : undefined,
        database,
        defaultFormat: checked === undefined ? (request.defaultFormat ?? DEFAULT_FORMAT) : format,
        readonly: readOnlyRequest,
        queryParams: request.queryParams,
        // The filters come last, so they replace any value the request sent (refused anyway).
        settings:
          project === undefined
            ? request.settings
            : {
                ...request.settings,
                [TABLE_FILTERS_SETTING]: projectTableFilters(storage.database, project),
              },
        queryId: request.queryId,
        signal: c.req.raw.signal,
      });
      return streamResult(c, result.stream, {
        'Content-Type': contentTypeForFormat(format),
        'X-ClickHouse-Format': format,
        'X-ClickHouse-Query-Id': result.queryId,
        'X-ClickHouse-Summary': summaryHeader(performance.now() - started),
      });
    },
  );

  routes.onError(async (error) =>
    clickHouseErrorResponse(error, error instanceof ClickHouseQueryError ? await engineVersion() : undefined),
  );
  return routes;
}

function withoutFormatClause(sql: string, clause: { start: number; end: number } | undefined): string {
  return clause === undefined ? sql : sql.slice(0, clause.start) + sql.slice(clause.end);
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
