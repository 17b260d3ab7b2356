import type { Context, MiddlewareHandler } from 'hono';
import { ForbiddenError, UnauthenticatedError } from './auth-errors.js';
import type { Caller } from './caller.js';
import { KeyStore } from './key-store.js';
import { KEY_RIGHTS, type KeyRight } from './key-rights.js';
import { DEFAULT_PROJECT } from './project-name.js';

/** Sent with every 401, as RFC 6750 asks, so clients know which scheme to answer with. */
export const BEARER_CHALLENGE = 'Bearer realm="ragtrace"';

/** Auth is off: one project, every right, nothing scoped. */
const UNAUTHENTICATED_CALLER: Caller = { project: DEFAULT_PROJECT, scoped: false, rights: KEY_RIGHTS };

/** How requests are authenticated: by a key from the store, or not at all (RAGTRACE_AUTH=off). */
export type Authenticator = { mode: 'off' } | { mode: 'required'; keys: KeyStore };

/**
 * Middleware that establishes the caller (`c.get('caller')`) and refuses the request unless it
 * has `rightFor(c)`. The key arrives as `Authorization: Bearer <key>` (OTLP exporters' headers
 * option, curl) or `x-api-key: <key>` (Grafana's custom headers, tools that reserve
 * Authorization for something else). Errors are thrown, so each surface reports them its way
 * (OTLP Status, ClickHouse exception, JSON) with the status from error-status.ts.
 */
export function authorize(
  authenticator: Authenticator,
  rightFor: (c: Context) => KeyRight,
): MiddlewareHandler {
  return async (c, next) => {
    c.set('caller', callerOf(authenticator, c));
    const right = rightFor(c);
    if (!c.get('caller').rights.includes(right)) {
      throw new ForbiddenError(`this API key lacks the "${right}" right needed here`);
    }
    await next();
  };
}

function callerOf(authenticator: Authenticator, c: Context): Caller {
  if (authenticator.mode === 'off') return UNAUTHENTICATED_CALLER;
  const key = presentedKey(c);
  if (key === undefined) {
    throw new UnauthenticatedError(
      'an API key is required: send "Authorization: Bearer <key>" or "x-api-key: <key>"',
    );
  }
  const record = authenticator.keys.lookup(key);
  if (record === undefined) throw new UnauthenticatedError('the API key is not valid (unknown or revoked)');
  return { project: record.project, scoped: true, rights: record.rights };
}

function presentedKey(c: Context): string | undefined {
  const authorization = c.req.header('authorization');
  const bearer = authorization === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  const key = bearer ?? c.req.header('x-api-key')?.trim();
  return key === undefined || key === '' ? undefined : key;
}

/** Reads need `read`; anything that stores needs `ingest`. */
export function readOrIngest(c: Context): KeyRight {
  return c.req.method === 'GET' || c.req.method === 'HEAD' ? 'read' : 'ingest';
}

/** The authenticator the configuration asks for; reads the key file now when auth is required. */
export function createAuthenticator(
  auth: { mode: 'required' | 'off'; keysFile: string },
  onKeyFileError: (error: unknown) => void,
): Authenticator {
  return auth.mode === 'off'
    ? { mode: 'off' }
    : { mode: 'required', keys: new KeyStore(auth.keysFile, onKeyFileError) };
}
