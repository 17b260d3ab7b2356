import type { ChatMessage, ChatToolCall } from '@ragtrace/sdk';
import type { CohereToolCall } from './internal-types.js';

function parsedArguments(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A stream cut short leaves incomplete JSON; the text is still what the model produced.
    return text;
  }
}

export function chatToolCallsOf(calls: readonly CohereToolCall[] | undefined): ChatToolCall[] {
  return (calls ?? []).map((call) => ({
    id: call.id ?? '',
    name: call.function?.name ?? '',
    arguments: parsedArguments(call.function?.arguments),
  }));
}

/** The assistant's reply as one chat message: its text and the tools it called. */
export function assistantMessageOf(text: string, calls: readonly CohereToolCall[] | undefined): ChatMessage {
  const toolCalls = chatToolCallsOf(calls);
  return toolCalls.length === 0
    ? { role: 'assistant', content: text }
    : { role: 'assistant', content: text, toolCalls };
}
