import { RagtraceError } from './ragtrace-error.js';

/** Links of a cause chain described at most; a longer chain ends in `…`. */
const MAX_CAUSES = 5;

/**
 * One line saying what went wrong and why, cause by cause: `name [code]: message`, so a log
 * shows the underlying failure (a refused connection, an HTTP error without a body) and not
 * only the wrapper the collector put around it.
 */
export function describeError(error: unknown): string {
  const links: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null; depth++) {
    if (depth === MAX_CAUSES) {
      links.push('…');
      break;
    }
    links.push(describeOne(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return links.join(' ← caused by ');
}

function describeOne(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // A RagtraceError's class already says what its code does.
  const code = error instanceof RagtraceError ? undefined : (error as { code?: unknown }).code;
  const label = code === undefined ? error.name : `${error.name} [${String(code)}]`;
  return `${label}: ${error.message || '(no message)'}`;
}
