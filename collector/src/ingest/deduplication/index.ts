// Deduplication of retried requests: rows storage already holds are left out of a batch before
// it is inserted (README, "Delivery guarantees").
export { createStoredLogFilter } from './stored-log-filter.js';
export { createStoredSpanFilter } from './stored-span-filter.js';
