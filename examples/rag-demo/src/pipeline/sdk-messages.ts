import type { ChatMessage } from '@ragtrace/sdk';
import type { WireMessage } from '../llm/wire-types.js';

/** A wire message in the SDK's provider-neutral shape (recorded only with content capture on). */
export function toSdkMessage(message: WireMessage): ChatMessage {
  switch (message.role) {
    case 'assistant':
      return {
        role: message.role,
        content: message.content,
        toolCalls: (message.tool_calls ?? []).map((call) => ({
          id: call.id,
          name: call.function.name,
          arguments: call.function.arguments,
        })),
      };
    case 'tool':
      return { role: message.role, content: message.content, toolCallId: message.tool_call_id };
    default:
      return { role: message.role, content: message.content };
  }
}
