import type { TokenUsage } from '@ragtrace/sdk';
import type { ChatUsage } from './internal-types.js';

/** Chat usage as the GenAI conventions count it: input includes the cached part, output the reasoning. */
export function chatUsageOf(usage: ChatUsage): TokenUsage {
  return {
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    cacheReadTokens: usage.prompt_tokens_details?.cached_tokens,
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens,
  };
}
