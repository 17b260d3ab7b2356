import type { Context } from 'hono';
import { errorStatus } from '../error-status.js';

/**
 * onError for the JSON API sub-apps: the status comes from the one mapping in error-status.ts,
 * the body is `{ "error": { "code", "message" } }`.
 */
export function jsonErrorResponse(error: Error, c: Context): Response {
  const { status, message, retryAfterSeconds, challenge } = errorStatus(error);
  if (retryAfterSeconds !== undefined) c.header('Retry-After', String(retryAfterSeconds));
  if (challenge !== undefined) c.header('WWW-Authenticate', challenge);
  const code = 'code' in error && typeof error.code === 'string' ? error.code : 'INTERNAL';
  return c.json({ error: { code, message } }, status);
}
