import type { ChatMessage } from '@ragtrace/sdk';
import type { LangChainMessage } from './internal-types.js';

/** LangChain's message types, in the role names the GenAI conventions use. */
const ROLE_OF_TYPE: Readonly<Record<string, string>> = {
  human: 'user',
  ai: 'assistant',
  system: 'system',
  developer: 'system',
  tool: 'tool',
  function: 'tool',
};

function messageType(message: LangChainMessage): string {
  if (typeof message._getType === 'function') return message._getType();
  return message.type ?? 'generic';
}

/** Text blocks joined; other block kinds (images, tool-use deltas) are not text and are left out. */
export function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content
    .map((block: unknown) => {
      if (typeof block === 'string') return block;
      const { type, text } = (block ?? {}) as { type?: unknown; text?: unknown };
      return type === 'text' && typeof text === 'string' ? text : undefined;
    })
    .filter((text): text is string => text !== undefined);
  return texts.length === 0 ? undefined : texts.join('');
}

export function chatMessageOf(message: LangChainMessage): ChatMessage {
  const type = messageType(message);
  const toolCalls = (message.tool_calls ?? []).map((call) => ({
    id: call.id ?? '',
    name: call.name ?? '',
    arguments: call.args,
  }));
  return {
    role: ROLE_OF_TYPE[type] ?? type,
    content: contentText(message.content) ?? null,
    ...(toolCalls.length > 0 ? { toolCalls } : {}),
    ...(message.tool_call_id !== undefined ? { toolCallId: message.tool_call_id } : {}),
  };
}
