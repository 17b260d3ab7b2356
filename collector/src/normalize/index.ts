export { normalizeSpan } from './normalize-span.js';
export type { NormalizeOutcome } from './normalize-span.js';
