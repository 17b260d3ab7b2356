import type { TokenUsage } from '@ragtrace/sdk';
import type { CohereUsage } from './internal-types.js';

/**
 * Billed units are what Cohere charges for (and what the collector prices); the raw `tokens`
 * counts add Cohere's prompt template, so they are only the fallback when no billed units came.
 */
export function tokenUsageOf(usage: CohereUsage | undefined): TokenUsage {
  return {
    inputTokens: usage?.billedUnits?.inputTokens ?? usage?.tokens?.inputTokens,
    outputTokens: usage?.billedUnits?.outputTokens ?? usage?.tokens?.outputTokens,
  };
}
