import { isRecord, jsonValueText } from './json-values.js';

/** One part of a message in the GenAI conventions' `gen_ai.input.messages` format. */
export type MessagePart =
  | { type: 'text'; content: string }
  | { type: 'tool_call'; id?: string; name: string; arguments?: unknown }
  | { type: 'tool_call_response'; id?: string; response: unknown };

export interface GenAiMessage {
  role: string;
  parts: MessagePart[];
  finish_reason?: string;
}

/** `gen_ai.input.messages` / `gen_ai.output.messages` text, or undefined when nothing was found. */
export function serializeMessages(messages: readonly GenAiMessage[]): string | undefined {
  return messages.length === 0 ? undefined : JSON.stringify(messages);
}

export function textPart(content: string | undefined): MessagePart[] {
  return content === undefined || content === '' ? [] : [{ type: 'text', content }];
}

/**
 * Messages in the shape most SDKs and the older GenAI conventions used, a list of
 * `{role, content}` where content is a string or a list of `{type: 'text', text}` parts
 * (OpenAI chat format, the removed `gen_ai.prompt` attribute, MLflow's span inputs).
 */
export function messagesFromRoleContentList(value: unknown): GenAiMessage[] {
  if (!Array.isArray(value)) return [];
  const messages: GenAiMessage[] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item['role'] !== 'string') continue;
    const parts = partsFromContent(item['content']);
    const toolCalls = item['tool_calls'];
    if (Array.isArray(toolCalls)) parts.push(...toolCallParts(toolCalls));
    if (typeof item['tool_call_id'] === 'string' && parts.length === 1 && parts[0]!.type === 'text') {
      parts[0] = { type: 'tool_call_response', id: item['tool_call_id'], response: parts[0]!.content };
    }
    messages.push({ role: item['role'], parts });
  }
  return messages;
}

function partsFromContent(content: unknown): MessagePart[] {
  if (typeof content === 'string') return textPart(content);
  if (!Array.isArray(content)) return [];
  const parts: MessagePart[] = [];
  for (const part of content) {
    if (typeof part === 'string') parts.push(...textPart(part));
    else if (isRecord(part) && typeof part['text'] === 'string') parts.push(...textPart(part['text']));
  }
  return parts;
}

/** OpenAI-style `tool_calls`: `{id, function: {name, arguments}}`. */
function toolCallParts(toolCalls: unknown[]): MessagePart[] {
  const parts: MessagePart[] = [];
  for (const call of toolCalls) {
    if (!isRecord(call) || !isRecord(call['function'])) continue;
    const name = call['function']['name'];
    if (typeof name !== 'string') continue;
    parts.push({
      type: 'tool_call',
      id: typeof call['id'] === 'string' ? call['id'] : undefined,
      name,
      arguments: call['function']['arguments'],
    });
  }
  return parts;
}

/** An OpenAI chat completion's `choices` as output messages. */
export function messagesFromChoices(choices: unknown): GenAiMessage[] {
  if (!Array.isArray(choices)) return [];
  const messages: GenAiMessage[] = [];
  for (const choice of choices) {
    if (!isRecord(choice)) continue;
    const [message] = messagesFromRoleContentList([choice['message']]);
    if (message === undefined) continue;
    const finishReason = jsonValueText(choice['finish_reason']);
    messages.push(finishReason === undefined ? message : { ...message, finish_reason: finishReason });
  }
  return messages;
}
