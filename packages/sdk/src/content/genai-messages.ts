import type { ChatMessage } from '../types.js';

/** One entry of a message's `parts`, in the GenAI semantic conventions' message format. */
type MessagePart =
  | { type: 'text'; content: string }
  | { type: 'tool_call'; id: string; name: string; arguments?: unknown }
  | { type: 'tool_call_response'; id: string; response: string };

function toParts(message: ChatMessage): MessagePart[] {
  const parts: MessagePart[] = [];
  if (message.content !== undefined && message.content !== null && message.content !== '') {
    parts.push(
      message.toolCallId === undefined
        ? { type: 'text', content: message.content }
        : { type: 'tool_call_response', id: message.toolCallId, response: message.content },
    );
  }
  for (const call of message.toolCalls ?? []) {
    parts.push({ type: 'tool_call', id: call.id, name: call.name, arguments: call.arguments });
  }
  return parts;
}

/** `gen_ai.input.messages`. */
export function serializeInputMessages(messages: readonly ChatMessage[]): string {
  return JSON.stringify(messages.map((message) => ({ role: message.role, parts: toParts(message) })));
}

/** `gen_ai.output.messages` for one choice: plain text is the assistant's reply. */
export function serializeOutputMessage(
  output: string | ChatMessage,
  finishReasons: readonly string[] | undefined,
): string {
  const message: ChatMessage = typeof output === 'string' ? { role: 'assistant', content: output } : output;
  return JSON.stringify([{ role: message.role, parts: toParts(message), finish_reason: finishReasons?.[0] }]);
}

/** `gen_ai.system_instructions`: the instructions as a list of parts, like a message body. */
export function serializeSystemInstructions(instructions: string): string {
  return JSON.stringify([{ type: 'text', content: instructions }]);
}
