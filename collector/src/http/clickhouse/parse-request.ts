import { decompressBody } from '../otlp/decompress-body.js';
import { clickHouseRefusal } from './clickhouse-error-codes.js';

/** A request to ClickHouse's HTTP interface, read the way ClickHouse's HTTP handler reads one. */
export interface ClickHouseHttpRequest {
  /** The `query` parameter, else the body. */
  query: string;
  /** The body, when a `query` parameter came too (INSERT data, usually). */
  data: Uint8Array | undefined;
  /** All the text ClickHouse reads as one: the `query` parameter, a newline and the body, or the body alone. */
  text: string;
  /** `X-ClickHouse-Database` header, else the `database` parameter. */
  database: string | undefined;
  /** `X-ClickHouse-Format` header, else the `default_format` parameter. */
  defaultFormat: string | undefined;
  /** `query_id` parameter, else the `X-ClickHouse-Query-Id` header. */
  queryId: string | undefined;
  /** `param_<name>` values for `{name:Type}` placeholders. */
  queryParams: Record<string, string>;
  /** Every other parameter is a ClickHouse setting. */
  settings: Record<string, string>;
}

/**
 * Parameters of the HTTP protocol itself, never settings. Credentials are accepted and ignored
 * until the collector has auth; sessions are ignored because every request here is its own
 * context, as a request without `session_id` is in ClickHouse.
 */
const PROTOCOL_PARAMETERS = new Set([
  'query',
  'query_id',
  'database',
  'default_format',
  'compress',
  'decompress',
  'user',
  'password',
  'quota_key',
  'role',
  'stacktrace',
  'buffer_size',
  'wait_end_of_query',
  'session_id',
  'session_timeout',
  'session_check',
  'client_protocol_version',
  'close_session',
]);

/**
 * Settings of the HTTP exchange itself (`enable_http_compression`, `send_progress_in_http_headers`,
 * `http_*`, …). This endpoint answers that exchange on its own, uncompressed and without progress
 * headers; passed on, they would shape the collector's own exchange with a ClickHouse server.
 */
const HTTP_EXCHANGE_SETTING = /http/;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export async function parseClickHouseRequest(
  request: Request,
  maxBodyBytes: number,
): Promise<ClickHouseHttpRequest> {
  const body = request.method === 'POST' ? await readBody(request, maxBodyBytes) : new Uint8Array();
  const contentType = request.headers.get('content-type') ?? '';
  // @clickhouse/client's use_multipart_params sends the query and its parameters as form fields.
  const multipart = contentType.toLowerCase().startsWith('multipart/form-data');
  const parameters = new Map(new URL(request.url).searchParams);
  if (multipart) for (const [name, value] of await formFields(body, contentType)) parameters.set(name, value);

  refuseNativeCompression(parameters);
  const queryParams: Record<string, string> = {};
  const settings: Record<string, string> = {};
  for (const [name, value] of parameters) {
    if (name.startsWith('param_')) queryParams[parameterName(name)] = value;
    else if (name === '' || PROTOCOL_PARAMETERS.has(name) || HTTP_EXCHANGE_SETTING.test(name)) continue;
    else if (IDENTIFIER.test(name)) settings[name] = value;
    else throw clickHouseRefusal('UNKNOWN_SETTING', `Unknown setting '${name}'`);
  }

  const queryParameter = parameters.get('query');
  const bodyText = multipart ? '' : new TextDecoder().decode(body);
  const withData = queryParameter !== undefined && bodyText !== '';
  return {
    query: queryParameter ?? bodyText,
    data: withData ? body : undefined,
    text: withData ? `${queryParameter}\n${bodyText}` : (queryParameter ?? bodyText),
    database: nonEmpty(request.headers.get('x-clickhouse-database') ?? parameters.get('database')),
    defaultFormat: nonEmpty(request.headers.get('x-clickhouse-format') ?? parameters.get('default_format')),
    queryId: nonEmpty(parameters.get('query_id') ?? request.headers.get('x-clickhouse-query-id')),
    queryParams,
    settings,
  };
}

async function readBody(request: Request, maxBodyBytes: number): Promise<Uint8Array> {
  const wire = new Uint8Array(await request.arrayBuffer());
  return decompressBody(wire, request.headers.get('content-encoding') ?? undefined, maxBodyBytes);
}

async function formFields(body: Uint8Array, contentType: string): Promise<Array<[string, string]>> {
  const form = await new Response(body as Uint8Array<ArrayBuffer>, {
    headers: { 'Content-Type': contentType },
  }).formData();
  const fields: Array<[string, string]> = [];
  for (const [name, value] of form) {
    if (typeof value !== 'string') {
      throw clickHouseRefusal(
        'NOT_IMPLEMENTED',
        'External data (files in multipart/form-data) is not supported here',
      );
    }
    fields.push([name, value]);
  }
  return fields;
}

/**
 * `compress=1` and `decompress=1` ask for ClickHouse's own block compression, which only a
 * ClickHouse server speaks; ignoring them would hand the client bytes it cannot read.
 */
function refuseNativeCompression(parameters: ReadonlyMap<string, string>): void {
  for (const name of ['compress', 'decompress']) {
    const value = parameters.get(name);
    if (value !== undefined && value !== '0' && value !== 'false') {
      throw clickHouseRefusal(
        'NOT_IMPLEMENTED',
        `ClickHouse's native compression (${name}=${value}) is not supported here; use HTTP compression (Content-Encoding: gzip) instead`,
      );
    }
  }
}

function parameterName(urlName: string): string {
  const name = urlName.slice('param_'.length);
  if (!IDENTIFIER.test(name)) {
    throw clickHouseRefusal('BAD_ARGUMENTS', `Invalid query parameter name '${name}'`);
  }
  return name;
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}
