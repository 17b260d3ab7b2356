import type { ErrorCode } from './error-code.js';

/**
 * Base class of every error the collector raises on purpose. The code is stable and
 * machine-readable; the HTTP layer maps codes to statuses in one place (http/error-status.ts).
 */
export abstract class RagtraceError extends Error {
  abstract readonly code: ErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
