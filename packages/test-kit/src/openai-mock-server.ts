import type { ServerResponse } from 'node:http';
import { sendJson, startLoopbackServer } from './loopback-server.js';
import type { LoopbackServer, RecordedRequest } from './loopback-server.js';
import { countWords, echoReply, stableId, streamPieces } from './mock-reply-text.js';
import { sendServerSentEvents } from './server-sent-events.js';
import type { SseFrame } from './server-sent-events.js';

/**
 * OpenAI's HTTP API as the openai SDK calls it: `POST /v1/chat/completions` (JSON, and SSE when
 * `stream: true`), `POST /v1/responses` (JSON and the Responses streaming events) and
 * `POST /v1/embeddings`. Replies are stateless and derived from the request, so identical
 * requests get identical replies — and ids derive from the conversation alone, so they don't
 * change with `stream` or `stream_options`:
 * - the assistant echoes the last user text (`echo: …`), one token per word;
 * - with `tools`, and unless the last message is a tool result, it calls the first tool with
 *   `{"query": <last user text>}` (finish reason `tool_calls`);
 * - system/developer/instructions text counts as cached prompt tokens ({@link OPENAI_MOCK_USAGE});
 * - models whose name starts with `o` (o1, o3, o4-mini…) also report reasoning tokens;
 * - a streamed chat ends with a usage-only chunk (`choices: []`) only when
 *   `stream_options.include_usage` is true, then `data: [DONE]`;
 * - the model `error-400`, `error-429` or `error-500` gets that status with OpenAI's
 *   `{error: {message, type, param, code}}` body, and `stream-error` gets an error frame after the
 *   first content delta of a chat stream.
 */
export interface OpenAIMockOptions {
  /** Pause before the first SSE frame, to compare the time to the first chunk. */
  firstChunkDelayMs?: number;
}

/** How the mock counts tokens, exported so tests can predict usage figures. */
export const OPENAI_MOCK_USAGE = {
  /** Every whitespace-separated word of the prompt or reply is one token. */
  tokensOf: countWords,
  /** Reasoning models report this many reasoning tokens per reply token (on top of them). */
  reasoningTokensPerReplyToken: 2,
  /** Fixed `created` / `created_at` timestamp, so replies compare equal across runs. */
  createdAt: 1_767_225_600,
} as const;

/** The error each `error-<status>` model gets: OpenAI's types and codes for those statuses. */
export const OPENAI_MOCK_ERRORS = {
  400: { type: 'invalid_request_error', code: 'invalid_value', message: 'Invalid value for model.' },
  429: { type: 'rate_limit_error', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests.' },
  500: {
    type: 'server_error',
    code: 'server_error',
    message: 'The server had an error processing your request.',
  },
} as const;

type MockErrorStatus = keyof typeof OPENAI_MOCK_ERRORS;

interface ContentPart {
  readonly type: string;
  readonly text?: string;
}

type MessageContent = string | readonly ContentPart[] | null | undefined;

interface ChatMessage {
  readonly role: string;
  readonly content?: MessageContent;
}

interface ChatTool {
  readonly type: string;
  readonly name?: string;
  readonly function?: { readonly name: string };
}

interface ChatRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly ChatTool[];
  readonly stream?: boolean;
  readonly stream_options?: { readonly include_usage?: boolean };
}

interface ResponsesInputItem {
  readonly type?: string;
  readonly role?: string;
  readonly content?: MessageContent;
}

interface ResponsesRequest {
  readonly model: string;
  readonly input: string | readonly ResponsesInputItem[];
  readonly instructions?: string | null;
  readonly tools?: readonly ChatTool[];
  readonly stream?: boolean;
}

interface EmbeddingsRequest {
  readonly model: string;
  readonly input: string | readonly string[] | readonly number[] | readonly (readonly number[])[];
  readonly dimensions?: number;
  readonly encoding_format?: 'float' | 'base64';
}

/** What the model "decided", before it is shaped as a chat completion or a Responses object. */
interface Reply {
  readonly id: string;
  readonly text?: string;
  readonly toolCall?: { readonly id: string; readonly name: string; readonly arguments: string };
  readonly usage: {
    readonly input: number;
    readonly cached: number;
    readonly output: number;
    readonly reasoning: number;
  };
}

const DEFAULT_EMBEDDING_DIMENSIONS = 8;

function textOf(content: MessageContent): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => part.text ?? '').join(' ');
}

function toolName(tool: ChatTool): string {
  return tool.function?.name ?? tool.name ?? tool.type;
}

function isInstruction(role: string | undefined): boolean {
  return role === 'system' || role === 'developer';
}

function composeReply(
  model: string,
  messages: readonly { role?: string; content?: MessageContent; type?: string }[],
  tools: readonly ChatTool[] | undefined,
  idSource: unknown,
): Reply {
  const lastUser = messages.filter((message) => message.role === 'user').at(-1);
  const prompt = textOf(lastUser?.content);
  const last = messages.at(-1);
  const answersTool = last?.role === 'tool' || last?.type === 'function_call_output';
  const tool = answersTool ? undefined : tools?.[0];
  const id = stableId(idSource);
  const toolCall =
    tool === undefined
      ? undefined
      : { id: `call_${id}`, name: toolName(tool), arguments: JSON.stringify({ query: prompt }) };
  const text = toolCall === undefined ? echoReply(prompt) : undefined;
  let input = 0;
  let cached = 0;
  for (const message of messages) {
    const words = countWords(textOf(message.content));
    input += words;
    if (isInstruction(message.role)) cached += words;
  }
  const output = countWords(text ?? toolCall?.arguments ?? '');
  const reasoning = model.startsWith('o') ? output * OPENAI_MOCK_USAGE.reasoningTokensPerReplyToken : 0;
  return { id, text, toolCall, usage: { input, cached, output: output + reasoning, reasoning } };
}

/**
 * What reply ids derive from: the conversation, not the options (`stream`, `stream_options`…),
 * so the same question gets the same id however it is asked for.
 */
function conversationOf(request: ChatRequest | ResponsesRequest): unknown {
  const { model, tools } = request;
  return 'messages' in request
    ? { model, tools, messages: request.messages }
    : { model, tools, input: request.input, instructions: request.instructions };
}

function mockErrorStatus(model: string): MockErrorStatus | undefined {
  const status = Number(/^error-(\d{3})$/.exec(model)?.[1]);
  return status in OPENAI_MOCK_ERRORS ? (status as MockErrorStatus) : undefined;
}

function sendError(response: ServerResponse, status: MockErrorStatus, model: string): void {
  const { type, code, message } = OPENAI_MOCK_ERRORS[status];
  response.setHeader('x-request-id', `req_${code}`);
  // The SDK retries 429 and 5xx unless told not to; the mock's errors are final.
  response.setHeader('x-should-retry', 'false');
  sendJson(response, status, { error: { message: `${message} (model: ${model})`, type, param: null, code } });
}

// ---- chat completions -------------------------------------------------------------------------

function chatUsage(reply: Reply): unknown {
  return {
    prompt_tokens: reply.usage.input,
    completion_tokens: reply.usage.output,
    total_tokens: reply.usage.input + reply.usage.output,
    prompt_tokens_details: { cached_tokens: reply.usage.cached, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reply.usage.reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function chatToolCalls(reply: Reply): unknown[] | undefined {
  const call = reply.toolCall;
  return call === undefined
    ? undefined
    : [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }];
}

function finishReason(reply: Reply): 'stop' | 'tool_calls' {
  return reply.toolCall === undefined ? 'stop' : 'tool_calls';
}

function chatCompletionJson(request: ChatRequest, reply: Reply): unknown {
  const toolCalls = chatToolCalls(reply);
  return {
    id: `chatcmpl-${reply.id}`,
    object: 'chat.completion',
    created: OPENAI_MOCK_USAGE.createdAt,
    model: request.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.text ?? null,
          refusal: null,
          annotations: [],
          ...(toolCalls === undefined ? {} : { tool_calls: toolCalls }),
        },
        logprobs: null,
        finish_reason: finishReason(reply),
      },
    ],
    usage: chatUsage(reply),
    service_tier: 'default',
    system_fingerprint: 'fp_mock',
  };
}

function chatDeltas(reply: Reply): Record<string, unknown>[] {
  const call = reply.toolCall;
  if (call === undefined) {
    return [
      { role: 'assistant', content: '', refusal: null },
      ...streamPieces(reply.text ?? '').map((content) => ({ content })),
    ];
  }
  const half = Math.ceil(call.arguments.length / 2);
  const opening = { index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: '' } };
  return [
    { role: 'assistant', content: null, tool_calls: [opening], refusal: null },
    ...[call.arguments.slice(0, half), call.arguments.slice(half)].map((args) => ({
      tool_calls: [{ index: 0, function: { arguments: args } }],
    })),
  ];
}

function chatStreamFrames(request: ChatRequest, reply: Reply): SseFrame[] {
  const includeUsage = request.stream_options?.include_usage === true;
  const chunk = (choices: unknown[], usage?: unknown): SseFrame => ({
    data: {
      id: `chatcmpl-${reply.id}`,
      object: 'chat.completion.chunk',
      created: OPENAI_MOCK_USAGE.createdAt,
      model: request.model,
      service_tier: 'default',
      system_fingerprint: 'fp_mock',
      choices,
      // Like the API: with include_usage every chunk carries `usage: null` except the last one.
      ...(includeUsage ? { usage: usage ?? null } : {}),
    },
  });
  const deltas = chatDeltas(reply).map((delta) =>
    chunk([{ index: 0, delta, logprobs: null, finish_reason: null }]),
  );
  if (request.model === 'stream-error') {
    const error = {
      message: 'The server had an error while streaming.',
      type: 'server_error',
      param: null,
      code: null,
    };
    return [...deltas.slice(0, 2), { data: { error } }];
  }
  const frames = [
    ...deltas,
    chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason(reply) }]),
  ];
  if (includeUsage) frames.push(chunk([], chatUsage(reply)));
  frames.push({ data: '[DONE]' });
  return frames;
}

async function handleChatCompletions(
  request: ChatRequest,
  response: ServerResponse,
  options: OpenAIMockOptions,
): Promise<void> {
  const reply = composeReply(request.model, request.messages, request.tools, conversationOf(request));
  response.setHeader('x-request-id', `req_${reply.id}`);
  if (request.stream === true) {
    await sendServerSentEvents(response, chatStreamFrames(request, reply), {
      firstFrameDelayMs: options.firstChunkDelayMs,
    });
    return;
  }
  sendJson(response, 200, chatCompletionJson(request, reply));
}

// ---- responses --------------------------------------------------------------------------------

function responsesMessages(
  request: ResponsesRequest,
): { role?: string; content?: MessageContent; type?: string }[] {
  const instructions = request.instructions ? [{ role: 'developer', content: request.instructions }] : [];
  const input =
    typeof request.input === 'string' ? [{ role: 'user', content: request.input }] : request.input;
  return [...instructions, ...input];
}

function responsesOutputItem(reply: Reply): Record<string, unknown> {
  const call = reply.toolCall;
  if (call !== undefined) {
    return {
      type: 'function_call',
      id: `fc_${reply.id}`,
      call_id: call.id,
      name: call.name,
      arguments: call.arguments,
      status: 'completed',
    };
  }
  return {
    type: 'message',
    id: `msg_${reply.id}`,
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_text', text: reply.text ?? '', annotations: [], logprobs: [] }],
  };
}

function responseJson(
  request: ResponsesRequest,
  reply: Reply,
  status: 'in_progress' | 'completed',
): Record<string, unknown> {
  const done = status === 'completed';
  return {
    id: `resp_${reply.id}`,
    object: 'response',
    created_at: OPENAI_MOCK_USAGE.createdAt,
    status,
    error: null,
    incomplete_details: null,
    instructions: request.instructions ?? null,
    max_output_tokens: null,
    model: request.model,
    output: done ? [responsesOutputItem(reply)] : [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: true,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: request.tools ?? [],
    top_p: 1,
    truncation: 'disabled',
    usage: done
      ? {
          input_tokens: reply.usage.input,
          input_tokens_details: { cached_tokens: reply.usage.cached },
          output_tokens: reply.usage.output,
          output_tokens_details: { reasoning_tokens: reply.usage.reasoning },
          total_tokens: reply.usage.input + reply.usage.output,
        }
      : null,
    user: null,
    metadata: {},
  };
}

function responsesItemEvents(reply: Reply): Record<string, unknown>[] {
  const item = responsesOutputItem(reply);
  const itemId = item.id;
  const added = { type: 'response.output_item.added', output_index: 0 };
  const done = { type: 'response.output_item.done', output_index: 0, item };
  const call = reply.toolCall;
  if (call !== undefined) {
    return [
      { ...added, item: { ...item, arguments: '', status: 'in_progress' } },
      {
        type: 'response.function_call_arguments.delta',
        item_id: itemId,
        output_index: 0,
        delta: call.arguments,
      },
      {
        type: 'response.function_call_arguments.done',
        item_id: itemId,
        output_index: 0,
        arguments: call.arguments,
      },
      done,
    ];
  }
  const text = reply.text ?? '';
  const part = { type: 'output_text', text, annotations: [], logprobs: [] };
  const at = { item_id: itemId, output_index: 0, content_index: 0 };
  return [
    { ...added, item: { ...item, status: 'in_progress', content: [] } },
    { type: 'response.content_part.added', ...at, part: { ...part, text: '' } },
    ...streamPieces(text).map((delta) => ({
      type: 'response.output_text.delta',
      ...at,
      delta,
      logprobs: [],
    })),
    { type: 'response.output_text.done', ...at, text, logprobs: [] },
    { type: 'response.content_part.done', ...at, part },
    done,
  ];
}

function responsesStreamFrames(request: ResponsesRequest, reply: Reply): SseFrame[] {
  const events = [
    { type: 'response.created', response: responseJson(request, reply, 'in_progress') },
    { type: 'response.in_progress', response: responseJson(request, reply, 'in_progress') },
    ...responsesItemEvents(reply),
    { type: 'response.completed', response: responseJson(request, reply, 'completed') },
  ];
  return events.map((event, sequence_number) => ({
    event: event.type as string,
    data: { ...event, sequence_number },
  }));
}

async function handleResponses(
  request: ResponsesRequest,
  response: ServerResponse,
  options: OpenAIMockOptions,
): Promise<void> {
  const reply = composeReply(
    request.model,
    responsesMessages(request),
    request.tools,
    conversationOf(request),
  );
  response.setHeader('x-request-id', `req_${reply.id}`);
  if (request.stream === true) {
    await sendServerSentEvents(response, responsesStreamFrames(request, reply), {
      firstFrameDelayMs: options.firstChunkDelayMs,
    });
    return;
  }
  sendJson(response, 200, responseJson(request, reply, 'completed'));
}

// ---- embeddings -------------------------------------------------------------------------------

function embeddingInputs(input: EmbeddingsRequest['input']): string[] {
  if (typeof input === 'string') return [input];
  if (input.length > 0 && input.every((value) => typeof value === 'number')) return [JSON.stringify(input)];
  return input.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
}

/** A unit-length vector derived from the text, so equal texts get equal embeddings. */
function embeddingOf(text: string, dimensions: number): number[] {
  const seed = parseInt(stableId(text), 16);
  const raw = Array.from({ length: dimensions }, (_, index) => Math.sin(seed + index * 7919));
  const norm = Math.hypot(...raw) || 1;
  // Rounded to float32 precision, so base64 and float replies decode to the same numbers.
  return raw.map((value) => Math.fround(value / norm));
}

function encodeBase64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

function handleEmbeddings(request: EmbeddingsRequest, response: ServerResponse): void {
  const texts = embeddingInputs(request.input);
  const dimensions = request.dimensions ?? DEFAULT_EMBEDDING_DIMENSIONS;
  const tokens = texts.reduce((sum, text) => sum + countWords(text), 0);
  response.setHeader('x-request-id', `req_${stableId(request)}`);
  sendJson(response, 200, {
    object: 'list',
    data: texts.map((text, index) => {
      const vector = embeddingOf(text, dimensions);
      // The openai SDK asks for base64 unless the caller chose a format, and decodes it itself.
      return {
        object: 'embedding',
        index,
        embedding: request.encoding_format === 'base64' ? encodeBase64(vector) : vector,
      };
    }),
    model: request.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

// ---- routing ----------------------------------------------------------------------------------

async function route(
  request: RecordedRequest,
  response: ServerResponse,
  options: OpenAIMockOptions,
): Promise<void> {
  const path = request.path.split('?')[0];
  const body = request.body as { model?: string } | undefined;
  const errorStatus = mockErrorStatus(body?.model ?? '');
  if (request.method === 'POST' && errorStatus !== undefined) {
    sendError(response, errorStatus, body?.model ?? '');
    return;
  }
  if (request.method === 'POST' && path === '/v1/chat/completions') {
    await handleChatCompletions(request.body as ChatRequest, response, options);
    return;
  }
  if (request.method === 'POST' && path === '/v1/responses') {
    await handleResponses(request.body as ResponsesRequest, response, options);
    return;
  }
  if (request.method === 'POST' && path === '/v1/embeddings') {
    handleEmbeddings(request.body as EmbeddingsRequest, response);
    return;
  }
  const error = {
    message: `Unknown request URL: ${request.method} ${path}`,
    type: 'invalid_request_error',
    param: null,
    code: 'unknown_url',
  };
  sendJson(response, 404, { error });
}

/** Starts the mock; point the client at `${server.url}/v1` (`new OpenAI({ baseURL, apiKey, maxRetries: 0 })`). */
export function startOpenAIMockServer(options: OpenAIMockOptions = {}): Promise<LoopbackServer> {
  return startLoopbackServer((request, response) => route(request, response, options));
}
