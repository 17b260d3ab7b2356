import { RagtraceError } from '../errors/ragtrace-error.js';
import { isUnreachable, unreachableMessage } from './collector-url.js';

/** Nothing answered at the collector's address. */
export class CollectorUnreachableError extends RagtraceError {
  readonly code = 'COLLECTOR_UNREACHABLE';
}

/** The collector answered a JSON API request with an error; the message is the collector's. */
export class CollectorApiError extends RagtraceError {
  readonly code = 'COLLECTOR_API';

  constructor(
    readonly status: number,
    readonly apiCode: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Path under the collector's base URL, e.g. `/api/prices`. */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
}

/**
 * Calls the collector's JSON API and resolves to the parsed response body; `headers` carry
 * the caller's API key (see `apiKeyHeaders`).
 */
export async function callCollectorApi<T>(
  collectorUrl: URL,
  request: ApiRequest,
  headers: Record<string, string> = {},
): Promise<T> {
  const url = new URL(request.path, collectorUrl);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method,
      ...(request.body === undefined
        ? { headers }
        : {
            body: JSON.stringify(request.body),
            headers: { ...headers, 'content-type': 'application/json' },
          }),
    });
  } catch (error) {
    // fetch rejects only when no HTTP answer came back at all.
    const detail = isUnreachable(error) ? '' : ` (${networkFailure(error)})`;
    throw new CollectorUnreachableError(`${unreachableMessage(collectorUrl)}${detail}`, { cause: error });
  }
  const text = await response.text();
  const body = parseJson(text);
  if (!response.ok) {
    const { code, message } =
      (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error ?? {};
    throw new CollectorApiError(
      response.status,
      typeof code === 'string' ? code : 'UNKNOWN',
      typeof message === 'string' ? message : `HTTP ${response.status}: ${text.slice(0, 200)}`,
    );
  }
  if (body === undefined) {
    throw new CollectorApiError(
      response.status,
      'NOT_JSON',
      `${url.origin} did not answer as a ragtrace collector`,
    );
  }
  return body as T;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** fetch's own message is only "fetch failed"; the reason is in its cause. */
function networkFailure(error: unknown): string {
  const { cause } = error as { cause?: unknown };
  return cause instanceof Error ? cause.message : (error as Error).message;
}
