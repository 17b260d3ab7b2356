import type { ServerResponse } from 'node:http';
import { sendJson, startLoopbackServer } from './loopback-server.js';
import type { LoopbackServer, RecordedRequest } from './loopback-server.js';
import { countWords, echoReply, stableId, streamPieces } from './mock-reply-text.js';
import { sendServerSentEvents } from './server-sent-events.js';
import type { SseFrame } from './server-sent-events.js';

/**
 * Anthropic's Messages API (`POST /v1/messages`, JSON and SSE) as @anthropic-ai/sdk calls it.
 * Replies are derived from the request:
 * - the assistant echoes the last user text (`echo: …`), one token per word;
 * - with `tools`, and unless the last message carries a tool result, it calls the first tool with
 *   `{"query": <last user text>}` (stop reason `tool_use`);
 * - system blocks with `cache_control` count as cache creation tokens the first time the server
 *   sees their text and as cache read tokens afterwards, like a real prompt cache;
 * - a model whose name contains `missing` gets a 404 `not_found_error`, and one containing
 *   `stream-error` gets an SSE `error` event after the first text delta.
 */
export interface AnthropicMockOptions {
  /** Pause before the first SSE frame, to compare the time to the first chunk. */
  firstFrameDelayMs?: number;
}

interface ContentBlock {
  readonly type: string;
  readonly text?: string;
  readonly cache_control?: unknown;
}

interface MessageParam {
  readonly role: string;
  readonly content: string | readonly ContentBlock[];
}

interface MessagesRequest {
  readonly model: string;
  readonly messages: readonly MessageParam[];
  readonly system?: string | readonly ContentBlock[];
  readonly tools?: readonly { readonly name: string }[];
  readonly stream?: boolean;
}

type ReplyBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

interface Reply {
  readonly id: string;
  readonly blocks: readonly ReplyBlock[];
  readonly stopReason: 'end_turn' | 'tool_use';
  readonly usage: {
    input_tokens: number;
    output_tokens: number;
    cache_creation_input_tokens: number;
    cache_read_input_tokens: number;
  };
}

function blocksOf(content: string | readonly ContentBlock[]): readonly ContentBlock[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

function textOf(blocks: readonly ContentBlock[]): string {
  return blocks.map((block) => (block.type === 'text' ? (block.text ?? '') : '')).join(' ');
}

function composeReply(request: MessagesRequest, cachedTexts: Set<string>): Reply {
  const last = request.messages.at(-1);
  const lastBlocks = last === undefined ? [] : blocksOf(last.content);
  const prompt = textOf(lastBlocks);
  const answersTool = lastBlocks.some((block) => block.type === 'tool_result');
  const tool = answersTool ? undefined : request.tools?.[0];
  const id = stableId(request);
  const blocks: ReplyBlock[] =
    tool === undefined
      ? [{ type: 'text', text: echoReply(prompt) }]
      : [{ type: 'tool_use', id: `toolu_${id}`, name: tool.name, input: { query: prompt } }];

  let cacheCreation = 0;
  let cacheRead = 0;
  let uncachedInput = 0;
  for (const block of blocksOf(request.system ?? [])) {
    const words = countWords(block.text ?? '');
    if (block.cache_control === undefined) uncachedInput += words;
    else if (cachedTexts.has(block.text ?? '')) cacheRead += words;
    else {
      cachedTexts.add(block.text ?? '');
      cacheCreation += words;
    }
  }
  for (const message of request.messages) uncachedInput += countWords(textOf(blocksOf(message.content)));
  const output = blocks.map((block) => (block.type === 'text' ? block.text : JSON.stringify(block.input)));
  return {
    id: `msg_${id}`,
    blocks,
    stopReason: tool === undefined ? 'end_turn' : 'tool_use',
    usage: {
      input_tokens: uncachedInput,
      output_tokens: countWords(output.join(' ')),
      cache_creation_input_tokens: cacheCreation,
      cache_read_input_tokens: cacheRead,
    },
  };
}

function messageJson(request: MessagesRequest, reply: Reply): unknown {
  return {
    id: reply.id,
    type: 'message',
    role: 'assistant',
    model: request.model,
    content: reply.blocks,
    stop_reason: reply.stopReason,
    stop_sequence: null,
    usage: reply.usage,
  };
}

function blockFrames(block: ReplyBlock, index: number, failAfterFirstDelta: boolean): SseFrame[] {
  if (block.type === 'text') {
    const deltas = streamPieces(block.text).map((text) => ({
      event: 'content_block_delta',
      data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text } },
    }));
    const start = {
      event: 'content_block_start',
      data: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
    };
    if (failAfterFirstDelta) {
      const error = { type: 'overloaded_error', message: 'Overloaded' };
      return [start, ...deltas.slice(0, 1), { event: 'error', data: { type: 'error', error } }];
    }
    return [start, ...deltas];
  }
  const json = JSON.stringify(block.input);
  const half = Math.ceil(json.length / 2);
  return [
    {
      event: 'content_block_start',
      data: { type: 'content_block_start', index, content_block: { ...block, input: {} } },
    },
    ...[json.slice(0, half), json.slice(half)].map((partial_json) => ({
      event: 'content_block_delta',
      data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } },
    })),
  ];
}

function streamFrames(request: MessagesRequest, reply: Reply): SseFrame[] {
  const failing = request.model.includes('stream-error');
  const { output_tokens: outputTokens, ...inputUsage } = reply.usage;
  const start = {
    event: 'message_start',
    data: {
      type: 'message_start',
      message: {
        ...(messageJson(request, reply) as object),
        content: [],
        stop_reason: null,
        usage: { ...inputUsage, output_tokens: 1 },
      },
    },
  };
  const frames: SseFrame[] = [start, { event: 'ping', data: { type: 'ping' } }];
  for (const [index, block] of reply.blocks.entries()) {
    frames.push(...blockFrames(block, index, failing));
    if (failing) return frames;
    frames.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  }
  frames.push(
    {
      event: 'message_delta',
      data: {
        type: 'message_delta',
        delta: { stop_reason: reply.stopReason, stop_sequence: null },
        usage: { output_tokens: outputTokens },
      },
    },
    { event: 'message_stop', data: { type: 'message_stop' } },
  );
  return frames;
}

function sendError(response: ServerResponse, status: number, type: string, message: string): void {
  response.setHeader('request-id', `req_${type}`);
  // The SDKs retry some statuses unless told not to; the mock's errors are final.
  response.setHeader('x-should-retry', 'false');
  sendJson(response, status, { type: 'error', error: { type, message } });
}

async function handleMessages(
  request: RecordedRequest,
  response: ServerResponse,
  options: AnthropicMockOptions,
  cachedTexts: Set<string>,
): Promise<void> {
  const body = request.body as MessagesRequest;
  if (body.model.includes('missing')) {
    sendError(response, 404, 'not_found_error', `model: ${body.model}`);
    return;
  }
  const reply = composeReply(body, cachedTexts);
  response.setHeader('request-id', `req_${reply.id}`);
  if (body.stream === true) {
    await sendServerSentEvents(response, streamFrames(body, reply), options);
    return;
  }
  sendJson(response, 200, messageJson(body, reply));
}

export function startAnthropicMockServer(options: AnthropicMockOptions = {}): Promise<LoopbackServer> {
  const cachedTexts = new Set<string>();
  return startLoopbackServer(async (request, response) => {
    if (request.method === 'POST' && request.path.split('?')[0] === '/v1/messages') {
      await handleMessages(request, response, options, cachedTexts);
      return;
    }
    sendError(response, 404, 'not_found_error', `no route ${request.method} ${request.path}`);
  });
}
