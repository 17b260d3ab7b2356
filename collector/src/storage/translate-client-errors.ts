import { ClickHouseError } from '@clickhouse/client';
import { parseEngineExceptionText } from './engine-exception-text.js';
import { ClickHouseQueryError, StorageUnavailableError } from './storage-errors.js';

/**
 * ClickHouse's own refusals become ClickHouseQueryError (the caller's fault, with the engine's
 * code); anything else — connection refused, timeouts, a crashed engine — is StorageUnavailable.
 */
export async function translateClientErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof ClickHouseQueryError) throw error;
    if (isEngineError(error)) {
      // chDB's connection keeps the full text as the cause; @clickhouse/client's own message
      // stops at the first parenthesised capitals (see engine-exception-text.ts).
      const cause: unknown = error.cause;
      const exact = cause instanceof Error ? parseEngineExceptionText(cause.message) : undefined;
      throw new ClickHouseQueryError(
        exact?.message ?? error.message,
        Number(error.code),
        exact?.type ?? error.type ?? 'UNKNOWN',
        { cause: error },
      );
    }
    throw new StorageUnavailableError(`ClickHouse is unavailable: ${unavailableReason(error)}`, {
      cause: error,
    });
  }
}

/**
 * Why a request got no answer from the engine. @clickhouse/client reports an HTTP error answer
 * with an empty body (a proxy's 414, a 431 for an overlong URL) as an Error with no message; say
 * that much rather than nothing.
 */
function unavailableReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message || `${error.name} without a message (an HTTP error answer with an empty body?)`;
}

/**
 * chDB's connection throws @clickhouse/client-common's ClickHouseError, a different class from
 * the copy @clickhouse/client bundles, so the engine's errors are also recognised by shape.
 */
function isEngineError(error: unknown): error is ClickHouseError {
  if (error instanceof ClickHouseError) return true;
  const { code, type } = (error ?? {}) as { code?: unknown; type?: unknown };
  return error instanceof Error && typeof code === 'string' && /^\d+$/.test(code) && typeof type === 'string';
}
