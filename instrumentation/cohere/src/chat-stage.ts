import { beginGenerate, isAsyncIterable } from '@ragtrace/sdk';
import type { ChatMessage, GenerateOptions, GenerateSpan, StageOverrides } from '@ragtrace/sdk';
import type {
  CohereContent,
  CohereV1ChatRequest,
  CohereV1ChatResponse,
  CohereV1StreamEvent,
  CohereV2ChatRequest,
  CohereV2ChatResponse,
  CohereV2StreamEvent,
  StartedCall,
} from './internal-types.js';
import { assistantMessageOf, chatToolCallsOf } from './tool-calls.js';
import { tokenUsageOf } from './usage.js';

export const PROVIDER_NAME = 'cohere';

/** v1 names its roles in capitals, and the assistant `CHATBOT`. */
const V1_ROLES: Readonly<Record<string, string>> = {
  USER: 'user',
  CHATBOT: 'assistant',
  SYSTEM: 'system',
  TOOL: 'tool',
};

function textOf(content: CohereContent | undefined): string {
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  return content
    .flatMap((item) => (item.type === 'text' && item.text !== undefined ? [item.text] : []))
    .join('');
}

type SamplingParams = CohereV1ChatRequest | CohereV2ChatRequest;

function sampling<Chunk>(request: SamplingParams): GenerateOptions<Chunk> {
  return {
    provider: PROVIDER_NAME,
    model: request.model ?? '',
    temperature: request.temperature,
    maxTokens: request.maxTokens,
    topP: request.p,
    topK: request.k,
    stopSequences: request.stopSequences,
    seed: request.seed,
    frequencyPenalty: request.frequencyPenalty,
    presencePenalty: request.presencePenalty,
  };
}

function v1Messages(request: CohereV1ChatRequest): ChatMessage[] {
  const history = (request.chatHistory ?? []).map((turn) => ({
    role: V1_ROLES[turn.role ?? ''] ?? (turn.role ?? '').toLowerCase(),
    content: turn.message,
  }));
  return request.message === undefined ? history : [...history, { role: 'user', content: request.message }];
}

function v2Messages(request: CohereV2ChatRequest): ChatMessage[] {
  return (request.messages ?? []).map((message) => ({
    role: message.role ?? 'user',
    content: textOf(message.content),
    toolCallId: message.toolCallId,
    toolCalls: chatToolCallsOf(message.toolCalls),
  }));
}

/** `CohereClient.chat` (v1): one reply with `text`, `finishReason` and usage in `meta`. */
export function startV1Chat(request: unknown, overrides: StageOverrides): StartedCall {
  const params = (request ?? {}) as CohereV1ChatRequest;
  const stage = beginGenerate(
    { ...sampling(params), messages: v1Messages(params), systemInstructions: params.preamble },
    overrides,
  );
  const settle = (value: unknown): void => {
    const response = value as CohereV1ChatResponse;
    stage.span.setResponse({
      id: response.responseId ?? response.generationId,
      finishReasons: response.finishReason === undefined ? undefined : [response.finishReason],
    });
    stage.span.setUsage(tokenUsageOf(response.meta));
    if (response.text !== undefined) stage.span.setOutput(response.text);
    stage.succeed();
  };
  return { stage, settle };
}

/** `CohereClient.chatStream` (v1): text in `text-generation` events, the whole reply in `stream-end`. */
export function startV1ChatStream(request: unknown, overrides: StageOverrides): StartedCall {
  const params = (request ?? {}) as CohereV1ChatRequest;
  let text = '';
  const onChunk = (event: CohereV1StreamEvent, span: GenerateSpan): void => {
    if (event.eventType === 'text-generation') {
      text += event.text ?? '';
      span.setOutput(text);
    } else if (event.eventType === 'stream-end') {
      const response = event.response;
      span.setResponse({
        id: response?.responseId ?? response?.generationId ?? event.generationId,
        finishReasons: event.finishReason === undefined ? undefined : [event.finishReason],
      });
      span.setUsage(tokenUsageOf(response?.meta));
    }
  };
  const stage = beginGenerate<CohereV1StreamEvent>(
    { ...sampling(params), messages: v1Messages(params), systemInstructions: params.preamble, onChunk },
    overrides,
  );
  return { stage, settle: followOrSucceed(stage) };
}

/** `CohereClientV2.chat`: the reply's content items, `finishReason` and `usage`. */
export function startV2Chat(request: unknown, overrides: StageOverrides): StartedCall {
  const params = (request ?? {}) as CohereV2ChatRequest;
  const stage = beginGenerate({ ...sampling(params), messages: v2Messages(params) }, overrides);
  const settle = (value: unknown): void => {
    const response = value as CohereV2ChatResponse;
    stage.span.setResponse({
      id: response.id,
      finishReasons: response.finishReason === undefined ? undefined : [response.finishReason],
    });
    stage.span.setUsage(tokenUsageOf(response.usage));
    stage.span.setOutput(assistantMessageOf(textOf(response.message?.content), response.message?.toolCalls));
    stage.succeed();
  };
  return { stage, settle };
}

/**
 * `CohereClientV2.chatStream`: the id in `message-start`, text in `content-delta`, tool calls in
 * `tool-call-start` (id, name) and `tool-call-delta` (pieces of the arguments' JSON), finish reason
 * and usage in `message-end`.
 */
export function startV2ChatStream(request: unknown, overrides: StageOverrides): StartedCall {
  const params = (request ?? {}) as CohereV2ChatRequest;
  let text = '';
  const calls: { id?: string; function: { name?: string; arguments: string } }[] = [];
  const onChunk = (event: CohereV2StreamEvent, span: GenerateSpan): void => {
    const delta = event.delta;
    switch (event.type) {
      case 'message-start':
        span.setResponse({ id: event.id });
        return;
      case 'content-delta':
        text += delta?.message?.content?.text ?? '';
        break;
      case 'tool-call-start': {
        const call = delta?.message?.toolCalls;
        calls.push({
          id: call?.id,
          function: { name: call?.function?.name, arguments: call?.function?.arguments ?? '' },
        });
        break;
      }
      case 'tool-call-delta': {
        const last = calls.at(-1);
        if (last !== undefined)
          last.function.arguments += delta?.message?.toolCalls?.function?.arguments ?? '';
        break;
      }
      case 'message-end':
        span.setResponse({
          finishReasons: delta?.finishReason === undefined ? undefined : [delta.finishReason],
        });
        span.setUsage(tokenUsageOf(delta?.usage));
        return;
      default:
        return;
    }
    span.setOutput(assistantMessageOf(text, calls));
  };
  const stage = beginGenerate<CohereV2StreamEvent>(
    { ...sampling(params), messages: v2Messages(params), onChunk },
    overrides,
  );
  return { stage, settle: followOrSucceed(stage) };
}

function followOrSucceed(stage: StartedCall['stage']): (value: unknown) => void {
  return (value) => {
    if (isAsyncIterable(value)) stage.followStream(value);
    else stage.succeed();
  };
}
