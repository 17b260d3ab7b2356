import type { ChatMessage, ChatToolCall } from '@ragtrace/sdk';
import type { AnthropicContentBlock, AnthropicMessageParam } from './internal-types.js';

function blocksOf(
  content: string | readonly AnthropicContentBlock[] | undefined,
): readonly AnthropicContentBlock[] {
  if (content === undefined) return [];
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/** The text of a list of blocks; images, documents and thinking are not text content. */
export function textOf(content: string | readonly AnthropicContentBlock[] | undefined): string {
  return blocksOf(content)
    .flatMap((block) => (block.type === 'text' && typeof block.text === 'string' ? [block.text] : []))
    .join('');
}

export function toolCallsOf(blocks: readonly AnthropicContentBlock[]): ChatToolCall[] {
  return blocks.flatMap((block) =>
    block.type === 'tool_use' ? [{ id: block.id ?? '', name: block.name ?? '', arguments: block.input }] : [],
  );
}

/**
 * One Anthropic message as GenAI chat messages: `tool_result` blocks (which Anthropic sends
 * inside a user message) become `tool` messages answering their call, and the rest keeps its role.
 */
function toChatMessages(message: AnthropicMessageParam): ChatMessage[] {
  const blocks = blocksOf(message.content);
  const toolResults: ChatMessage[] = blocks.flatMap((block) =>
    block.type === 'tool_result'
      ? [{ role: 'tool', toolCallId: block.tool_use_id ?? '', content: textOf(block.content) }]
      : [],
  );
  const content = textOf(blocks);
  const toolCalls = toolCallsOf(blocks);
  if (content === '' && toolCalls.length === 0) return toolResults;
  const own: ChatMessage = { role: message.role ?? 'user', content };
  return [...toolResults, toolCalls.length === 0 ? own : { ...own, toolCalls }];
}

export function chatMessagesOf(messages: readonly AnthropicMessageParam[]): ChatMessage[] {
  return messages.flatMap(toChatMessages);
}
