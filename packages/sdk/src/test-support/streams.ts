import { setTimeout as sleep } from 'node:timers/promises';

/** Yields `chunks`, optionally after a delay before the first, then throws `failure` if given. */
export async function* chunkStream<T>(
  chunks: readonly T[],
  options: { firstChunkDelayMs?: number; failure?: Error } = {},
): AsyncGenerator<T> {
  if (options.firstChunkDelayMs !== undefined) await sleep(options.firstChunkDelayMs);
  for (const chunk of chunks) yield chunk;
  if (options.failure !== undefined) throw options.failure;
}

export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const chunks: T[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}
