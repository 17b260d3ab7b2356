/**
 * Deprecated alias of `@ragtrace/auto/register`, kept for one release. Auto-instrumentation moved
 * to `@ragtrace/auto`, which depends on this SDK and on every instrumentation; this SDK does not
 * depend on it (that was a loop), so the alias finds it where the app installed it.
 */
import { isMainThread } from 'node:worker_threads';
import { loadAutoRegister } from './load-auto-register.js';

// As in `@ragtrace/auto/register`: preloads run again in worker threads; the notice and the
// set-up belong to the main thread only.
if (isMainThread) loadAutoRegister();
