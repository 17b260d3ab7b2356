/** libuv's own pool size when UV_THREADPOOL_SIZE is unset. */
const LIBUV_DEFAULT_THREADS = 4;

/**
 * Threads ingest needs beside the readers' (one each): its inserts into traces and logs, its
 * duplicate look-ups, the spool's writes and syncs, with room for a burst.
 */
const INGEST_THREADS = 8;

/**
 * Why the process's thread pool may be too small for `maxConcurrentReads` readers to leave
 * ingest room, or undefined when it is not. `ragtrace start` sizes it (bin/threadpool-size.cjs);
 * a program embedding the collector has to set UV_THREADPOOL_SIZE itself, before Node starts.
 */
export function threadPoolShortfall(env: NodeJS.ProcessEnv, maxConcurrentReads: number): string | undefined {
  const size = Number(env['UV_THREADPOOL_SIZE'] || LIBUV_DEFAULT_THREADS);
  const needed = maxConcurrentReads + INGEST_THREADS;
  if (size >= needed) return undefined;
  return `UV_THREADPOOL_SIZE is ${size}: slow reads can hold every engine thread and delay ingest; set it to at least ${needed} (RAGTRACE_MAX_CONCURRENT_READS + ${INGEST_THREADS}) in the environment Node starts with`;
}
