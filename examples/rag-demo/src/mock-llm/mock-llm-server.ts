import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatCompletionRequest } from '../llm/wire-types.js';
import { composeReply } from './compose-reply.js';
import type { MockReply } from './compose-reply.js';
import { completionBody, streamChunks } from './completion-frames.js';
import type { FrameIdentity } from './completion-frames.js';

export interface MockLlmServer {
  /** API root for an OpenAI-compatible client, e.g. `http://127.0.0.1:40123/v1/`. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

const COMPLETIONS_PATH = '/v1/chat/completions';
/** Pause between streamed chunks, so time to first chunk and total duration differ visibly. */
const INTER_CHUNK_DELAY_MS = 3;

/** Latency grows with the prompt, like a real model's prefill. */
function firstTokenDelayMs(reply: MockReply): number {
  return 15 + Math.round(reply.promptTokens / 20);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function isCompletionRequest(body: unknown): body is ChatCompletionRequest {
  const candidate = body as Partial<ChatCompletionRequest> | null;
  return (
    typeof candidate?.model === 'string' && Array.isArray(candidate.messages) && candidate.messages.length > 0
  );
}

function sendError(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ error: { message, type: 'invalid_request_error' } }));
}

async function streamReply(
  response: ServerResponse,
  request: ChatCompletionRequest,
  identity: FrameIdentity,
  reply: MockReply,
): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunks = streamChunks(identity, reply, request.stream_options?.include_usage === true);
  for (const [index, chunk] of chunks.entries()) {
    await sleep(index === 0 ? firstTokenDelayMs(reply) : INTER_CHUNK_DELAY_MS);
    response.write(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  response.end('data: [DONE]\n\n');
}

/**
 * A local stand-in for an OpenAI-compatible API (POST /v1/chat/completions, JSON or SSE), so
 * the demo exercises real HTTP calls, streaming and tool calls without network access or keys.
 */
export async function startMockLlmServer(): Promise<MockLlmServer> {
  let requestCount = 0;
  const server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'POST' || request.url !== COMPLETIONS_PATH) {
        sendError(response, 404, `no route for ${request.method ?? ''} ${request.url ?? ''}`);
        return;
      }
      const body = await readJson(request).catch(() => undefined);
      if (!isCompletionRequest(body)) {
        sendError(response, 400, 'expected a JSON body with a model and at least one message');
        return;
      }
      requestCount += 1;
      const identity = {
        id: `chatcmpl-mock-${requestCount}`,
        model: body.model,
        created: Math.floor(Date.now() / 1000),
      };
      const reply = composeReply(body, `call_mock_${requestCount}`);
      if (body.stream === true) {
        await streamReply(response, body, identity, reply);
        return;
      }
      await sleep(firstTokenDelayMs(reply) + reply.completionTokens);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(completionBody(identity, reply)));
    })().catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, String(error));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
