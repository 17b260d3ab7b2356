import type { ChatMessage, ChatToolCall } from '@ragtrace/sdk';
import type { ChatMessageParam, ContentPartParam, ToolCallParam } from './internal-types.js';

/** The text of a message's content: a string, or the text parts of a part list (images etc. are not text). */
export function contentText(
  content: string | readonly ContentPartParam[] | null | undefined,
): string | undefined {
  if (content === null || content === undefined) return undefined;
  if (typeof content === 'string') return content;
  return content
    .map((part) => part.text)
    .filter((text): text is string => typeof text === 'string')
    .join('');
}

/** Tool arguments arrive as JSON text; recorded as the value they encode when they parse. */
export function parsedArguments(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toolCallOf(call: ToolCallParam): ChatToolCall {
  return {
    id: call.id ?? '',
    name: call.function?.name ?? '',
    arguments: parsedArguments(call.function?.arguments),
  };
}

export function chatMessageOf(message: ChatMessageParam): ChatMessage {
  return {
    role: message.role ?? 'user',
    content: contentText(message.content),
    toolCalls: message.tool_calls?.map(toolCallOf),
    toolCallId: message.tool_call_id,
  };
}

/** How many characters of text a list of messages sends, for estimated token counts. */
export function messagesCharacters(messages: readonly ChatMessage[]): number {
  let characters = 0;
  for (const message of messages) {
    characters += message.content?.length ?? 0;
    for (const call of message.toolCalls ?? []) characters += argumentsCharacters(call.arguments);
  }
  return characters;
}

export function argumentsCharacters(value: unknown): number {
  if (value === undefined) return 0;
  return typeof value === 'string' ? value.length : JSON.stringify(value).length;
}
