import { InvalidParameterError } from '../errors/request-errors.js';
import { RUN_ID_PATTERN } from './parse-run-request.js';

/** Where a page of the newest-first run list ended: the last run's start time and id. */
export interface RunListPosition {
  startMs: number;
  id: string;
}

/**
 * Opaque to clients. A position rather than an offset, so runs that start while a client pages
 * through the list neither repeat nor go missing.
 */
export function encodeRunListCursor(position: RunListPosition): string {
  return Buffer.from(`${position.startMs}/${position.id}`, 'utf8').toString('base64url');
}

export function decodeRunListCursor(cursor: string): RunListPosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{1,15})\/(.+)$/.exec(text);
  if (match === null || !RUN_ID_PATTERN.test(match[2]!)) {
    throw new InvalidParameterError(
      'cursor',
      'not a cursor this API returned (take nextCursor from a previous page)',
    );
  }
  return { startMs: Number(match[1]), id: match[2]! };
}
