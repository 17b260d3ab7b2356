import type { KeyRight } from './key-rights.js';

/** Who sent a request, as authentication established it. */
export interface Caller {
  /** Every row the request writes is stamped with this project. */
  project: string;
  /**
   * Whether reads are limited to {@link project}. False only while auth is off, when the
   * collector is a single-tenant tool and every query sees everything.
   */
  scoped: boolean;
  rights: readonly KeyRight[];
}

declare module 'hono' {
  interface ContextVariableMap {
    caller: Caller;
  }
}
