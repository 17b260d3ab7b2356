import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** One SSE frame: `event` is optional (OpenAI sends data-only frames, Anthropic names each event). */
export interface SseFrame {
  readonly event?: string;
  /** Serialized as JSON unless already a string (e.g. OpenAI's closing `[DONE]`). */
  readonly data: unknown;
}

/**
 * Streams `frames` as text/event-stream, optionally pausing before the first one so tests can
 * compare the time to the first chunk with and without instrumentation.
 */
export async function sendServerSentEvents(
  response: ServerResponse,
  frames: readonly SseFrame[],
  options: { firstFrameDelayMs?: number } = {},
): Promise<void> {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  if (options.firstFrameDelayMs !== undefined) await sleep(options.firstFrameDelayMs);
  for (const frame of frames) {
    const data = typeof frame.data === 'string' ? frame.data : JSON.stringify(frame.data);
    response.write(`${frame.event === undefined ? '' : `event: ${frame.event}\n`}data: ${data}\n\n`);
  }
  response.end();
}
