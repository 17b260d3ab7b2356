import type { ChatMessage, GenerateSpan, TokenUsage } from '@ragtrace/sdk';
import { toolCallsOf, textOf } from './chat-messages.js';
import type { AnthropicContentBlock, AnthropicMessage, AnthropicUsage } from './internal-types.js';

/**
 * Anthropic reports uncached input apart from cache reads and writes; the GenAI conventions count
 * all of them as input tokens (and the collector's cost model expects cache reads inside them).
 */
export function tokenUsageOf(usage: AnthropicUsage): TokenUsage {
  const cacheRead = usage.cache_read_input_tokens ?? undefined;
  const cacheCreation = usage.cache_creation_input_tokens ?? undefined;
  const uncached = usage.input_tokens ?? undefined;
  return {
    inputTokens: uncached === undefined ? undefined : uncached + (cacheRead ?? 0) + (cacheCreation ?? 0),
    outputTokens: usage.output_tokens ?? undefined,
    cacheReadTokens: cacheRead,
    cacheCreationTokens: cacheCreation,
  };
}

/** The assistant's reply as one chat message: its text and the tools it called. */
export function outputMessageOf(content: readonly AnthropicContentBlock[]): ChatMessage {
  const toolCalls = toolCallsOf(content);
  const message: ChatMessage = { role: 'assistant', content: textOf(content) };
  return toolCalls.length === 0 ? message : { ...message, toolCalls };
}

export function finishReasonsOf(stopReason: string | null | undefined): string[] | undefined {
  return typeof stopReason === 'string' ? [stopReason] : undefined;
}

/** Records a complete (non-streamed) `Message`. */
export function recordMessage(span: GenerateSpan, message: AnthropicMessage): void {
  span.setResponse({
    id: message.id,
    model: message.model,
    finishReasons: finishReasonsOf(message.stop_reason),
  });
  if (message.usage !== undefined) span.setUsage(tokenUsageOf(message.usage));
  if (message.content !== undefined) span.setOutput(outputMessageOf(message.content));
}
