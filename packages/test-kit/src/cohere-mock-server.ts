import type { ServerResponse } from 'node:http';
import { sendJson, startLoopbackServer } from './loopback-server.js';
import type { LoopbackServer, RecordedRequest } from './loopback-server.js';
import { countWords, echoReply, stableId, streamPieces } from './mock-reply-text.js';
import { sendServerSentEvents } from './server-sent-events.js';
import type { SseFrame } from './server-sent-events.js';

/**
 * Cohere's API as cohere-ai calls it: `CohereClient` speaks v1 (`/v1/chat` with newline-delimited
 * JSON streaming, `/v1/embed`, `/v1/rerank`), `CohereClientV2` speaks v2 (`/v2/chat` with SSE
 * streaming, `/v2/embed`, `/v2/rerank`). Replies are derived from the request:
 * - chat echoes the last user text (`echo: …`); billed units count one token per word, and
 *   `tokens` adds {@link PROMPT_TEMPLATE_TOKENS} to the input for Cohere's prompt template;
 * - v2 chat with `tools`, unless the last message is a tool result, calls the first tool with
 *   `{"query": <last user text>}` (finish reason `TOOL_CALL`);
 * - rerank scores each document by the share of the query's words it contains (ties keep input
 *   order) and returns the best `top_n` in rank order;
 * - embed returns a small vector per text; billed input tokens are the texts' words;
 * - a model whose name contains `missing` gets a 404, and a chat stream for a model containing
 *   `stream-error` is cut off after its first text delta.
 */
export const PROMPT_TEMPLATE_TOKENS = 7;

export interface CohereMockOptions {
  /** Pause before the first streamed event, to compare the time to the first chunk. */
  firstFrameDelayMs?: number;
}

type ContentItem = { readonly type: string; readonly text?: string };

interface V2ChatRequest {
  readonly model: string;
  readonly tools?: readonly { readonly function?: { readonly name?: string } }[];
  readonly messages: readonly { readonly role: string; readonly content?: string | readonly ContentItem[] }[];
  readonly stream?: boolean;
}

interface V1ChatRequest {
  readonly model?: string;
  readonly message: string;
  readonly preamble?: string;
  readonly stream?: boolean;
}

interface ChatReply {
  readonly id: string;
  readonly text: string;
  readonly billedInput: number;
  readonly billedOutput: number;
}

function composeChat(model: string, prompt: string, allInput: string): ChatReply {
  const text = echoReply(prompt);
  return {
    id: stableId({ model, allInput }),
    text,
    billedInput: countWords(allInput),
    billedOutput: countWords(text),
  };
}

function usageJson(reply: ChatReply): unknown {
  return {
    billed_units: { input_tokens: reply.billedInput, output_tokens: reply.billedOutput },
    tokens: { input_tokens: reply.billedInput + PROMPT_TEMPLATE_TOKENS, output_tokens: reply.billedOutput },
  };
}

function v2Text(content: string | readonly ContentItem[] | undefined): string {
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((item) => item.text ?? '').join(' ');
}

interface ToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

const frame = (data: { type: string } & Record<string, unknown>): SseFrame => ({ event: data.type, data });

function v2ToolCallFrames(reply: ChatReply, call: ToolCall): SseFrame[] {
  const start = { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] };
  const half = Math.ceil(call.function.arguments.length / 2);
  const pieces = [call.function.arguments.slice(0, half), call.function.arguments.slice(half)];
  const usage = usageJson({ ...reply, billedOutput: countWords(call.function.arguments) });
  return [
    frame({ type: 'message-start', id: reply.id, delta: { message: start } }),
    frame({
      type: 'tool-call-start',
      index: 0,
      delta: { message: { tool_calls: { ...call, function: { ...call.function, arguments: '' } } } },
    }),
    ...pieces.map((piece) =>
      frame({
        type: 'tool-call-delta',
        index: 0,
        delta: { message: { tool_calls: { function: { arguments: piece } } } },
      }),
    ),
    frame({ type: 'tool-call-end', index: 0 }),
    frame({ type: 'message-end', delta: { finish_reason: 'TOOL_CALL', usage } }),
  ];
}

function v2ChatFrames(reply: ChatReply): SseFrame[] {
  const start = { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] };
  return [
    frame({ type: 'message-start', id: reply.id, delta: { message: start } }),
    frame({ type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } }),
    ...streamPieces(reply.text).map((text) =>
      frame({ type: 'content-delta', index: 0, delta: { message: { content: { text } } } }),
    ),
    frame({ type: 'content-end', index: 0 }),
    frame({ type: 'message-end', delta: { finish_reason: 'COMPLETE', usage: usageJson(reply) } }),
  ];
}

function v1ChatJson(request: V1ChatRequest, reply: ChatReply): unknown {
  return {
    response_id: `resp_${reply.id}`,
    text: reply.text,
    generation_id: `gen_${reply.id}`,
    chat_history: [
      { role: 'USER', message: request.message },
      { role: 'CHATBOT', message: reply.text },
    ],
    finish_reason: 'COMPLETE',
    meta: { api_version: { version: '1' }, ...(usageJson(reply) as object) },
  };
}

function v1ChatEvents(request: V1ChatRequest, reply: ChatReply): unknown[] {
  return [
    { is_finished: false, event_type: 'stream-start', generation_id: `gen_${reply.id}` },
    ...streamPieces(reply.text).map((text) => ({ is_finished: false, event_type: 'text-generation', text })),
    {
      is_finished: true,
      event_type: 'stream-end',
      finish_reason: 'COMPLETE',
      response: v1ChatJson(request, reply),
    },
  ];
}

/** Writes the first `keep` streamed lines, then drops the connection, as a failing upstream would. */
function cutOffStream(response: ServerResponse, lines: readonly string[], keep: number): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const line of lines.slice(0, keep)) response.write(line);
  setImmediate(() => response.destroy());
}

function sseLines(frames: readonly SseFrame[]): string[] {
  return frames.map((frame) => `event: ${frame.event}\ndata: ${JSON.stringify(frame.data)}\n\n`);
}

async function handleV2Chat(
  body: V2ChatRequest,
  response: ServerResponse,
  options: CohereMockOptions,
): Promise<void> {
  const users = body.messages.filter((message) => message.role === 'user');
  const allInput = body.messages.map((message) => v2Text(message.content)).join(' ');
  const prompt = v2Text(users.at(-1)?.content);
  const reply = composeChat(body.model, prompt, allInput);
  const toolName = body.messages.at(-1)?.role === 'tool' ? undefined : body.tools?.[0]?.function?.name;
  if (toolName !== undefined) {
    const call: ToolCall = {
      id: `call_${reply.id}`,
      type: 'function',
      function: { name: toolName, arguments: JSON.stringify({ query: prompt }) },
    };
    if (body.stream === true) {
      await sendServerSentEvents(response, v2ToolCallFrames(reply, call), options);
      return;
    }
    sendJson(response, 200, {
      id: reply.id,
      finish_reason: 'TOOL_CALL',
      message: { role: 'assistant', tool_plan: `I will call ${toolName}.`, tool_calls: [call] },
      usage: usageJson({ ...reply, billedOutput: countWords(call.function.arguments) }),
    });
    return;
  }
  if (body.stream !== true) {
    sendJson(response, 200, {
      id: reply.id,
      finish_reason: 'COMPLETE',
      message: { role: 'assistant', content: [{ type: 'text', text: reply.text }] },
      usage: usageJson(reply),
    });
    return;
  }
  const frames = v2ChatFrames(reply);
  if (body.model.includes('stream-error')) cutOffStream(response, sseLines(frames), 3);
  else await sendServerSentEvents(response, frames, options);
}

async function handleV1Chat(
  body: V1ChatRequest,
  response: ServerResponse,
  options: CohereMockOptions,
): Promise<void> {
  const model = body.model ?? 'command-r-plus';
  const reply = composeChat(model, body.message, [body.preamble ?? '', body.message].join(' '));
  if (body.stream !== true) {
    sendJson(response, 200, v1ChatJson(body, reply));
    return;
  }
  const lines = v1ChatEvents(body, reply).map((event) => `${JSON.stringify(event)}\n`);
  if (model.includes('stream-error')) {
    cutOffStream(response, lines, 2);
    return;
  }
  response.writeHead(200, { 'content-type': 'application/stream+json' });
  if (options.firstFrameDelayMs !== undefined) {
    await new Promise((resolve) => setTimeout(resolve, options.firstFrameDelayMs));
  }
  for (const line of lines) response.write(line);
  response.end();
}

type RerankDocument = string | { readonly text?: string };

interface RerankRequest {
  readonly model?: string;
  readonly query: string;
  readonly documents: readonly RerankDocument[];
  readonly top_n?: number;
  readonly return_documents?: boolean;
}

function documentText(document: RerankDocument): string {
  return typeof document === 'string' ? document : (document.text ?? '');
}

function relevance(query: string, document: string): number {
  const queryWords = query.toLowerCase().split(/\s+/).filter(Boolean);
  const documentWords = new Set(document.toLowerCase().split(/\W+/));
  if (queryWords.length === 0) return 0;
  const shared = queryWords.filter((word) => documentWords.has(word)).length;
  return Math.round((shared / queryWords.length) * 10_000) / 10_000;
}

function rerankJson(body: RerankRequest, apiVersion: '1' | '2'): unknown {
  const ranked = body.documents
    .map((document, index) => ({ index, relevance_score: relevance(body.query, documentText(document)) }))
    .sort((a, b) => b.relevance_score - a.relevance_score || a.index - b.index)
    .slice(0, body.top_n ?? body.documents.length)
    .map((result) =>
      body.return_documents === true
        ? { ...result, document: { text: documentText(body.documents[result.index]!) } }
        : result,
    );
  return {
    id: `rerank_${stableId(body)}`,
    results: ranked,
    meta: { api_version: { version: apiVersion }, billed_units: { search_units: 1 } },
  };
}

interface EmbedRequest {
  readonly model?: string;
  readonly texts?: readonly string[];
  readonly embedding_types?: readonly string[];
}

function vectorOf(text: string): number[] {
  const sum = [...text].reduce((total, character) => total + character.charCodeAt(0), 0);
  return [text.length / 100, countWords(text) / 10, (sum % 97) / 97, 1].map(
    (value) => Math.round(value * 1000) / 1000,
  );
}

function embedJson(body: EmbedRequest, apiVersion: '1' | '2'): unknown {
  const texts = body.texts ?? [];
  const vectors = texts.map(vectorOf);
  const byType = apiVersion === '2' || body.embedding_types !== undefined;
  const types = body.embedding_types ?? ['float'];
  return {
    id: `embed_${stableId(body)}`,
    response_type: byType ? 'embeddings_by_type' : 'embeddings_floats',
    embeddings: byType ? Object.fromEntries(types.map((type) => [type, vectors])) : vectors,
    texts,
    meta: {
      api_version: { version: apiVersion },
      billed_units: { input_tokens: texts.reduce((total, text) => total + countWords(text), 0) },
    },
  };
}

function modelOf(request: RecordedRequest): string {
  return (request.body as { model?: string } | undefined)?.model ?? '';
}

export function startCohereMockServer(options: CohereMockOptions = {}): Promise<LoopbackServer> {
  return startLoopbackServer(async (request, response) => {
    const route = `${request.method} ${request.path.split('?')[0]}`;
    if (modelOf(request).includes('missing')) {
      sendJson(response, 404, {
        id: stableId(request.body),
        message: `model '${modelOf(request)}' not found`,
      });
      return;
    }
    switch (route) {
      case 'POST /v2/chat':
        return handleV2Chat(request.body as V2ChatRequest, response, options);
      case 'POST /v1/chat':
        return handleV1Chat(request.body as V1ChatRequest, response, options);
      case 'POST /v2/rerank':
        return sendJson(response, 200, rerankJson(request.body as RerankRequest, '2'));
      case 'POST /v1/rerank':
        return sendJson(response, 200, rerankJson(request.body as RerankRequest, '1'));
      case 'POST /v2/embed':
        return sendJson(response, 200, embedJson(request.body as EmbedRequest, '2'));
      case 'POST /v1/embed':
        return sendJson(response, 200, embedJson(request.body as EmbedRequest, '1'));
      default:
        return sendJson(response, 404, { message: `no route ${route}` });
    }
  });
}
