/**
 * `node --import @ragtrace/auto/register app.js`: tracing and auto-instrumentation with no change
 * to the app. Loading this module is the whole API.
 */
import { isMainThread } from 'node:worker_threads';
import { startAutoInstrumentation } from '../start-auto-instrumentation.js';

// Node runs `--require`/`--import` preloads again in worker threads, its module-hooks thread
// included; tracing is set up once, for the app's main thread.
if (isMainThread) startAutoInstrumentation();
