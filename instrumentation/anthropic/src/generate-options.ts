import type { GenerateOptions } from '@ragtrace/sdk';
import { chatMessagesOf, textOf } from './chat-messages.js';
import type { AnthropicCreateParams } from './internal-types.js';

export const PROVIDER_NAME = 'anthropic';

/** What a `messages.create` call's params say about the generate stage, before it runs. */
export function generateOptionsOf<Chunk>(
  params: AnthropicCreateParams,
  onChunk: GenerateOptions<Chunk>['onChunk'],
): GenerateOptions<Chunk> {
  const system = params.system === undefined ? undefined : textOf(params.system);
  return {
    provider: PROVIDER_NAME,
    model: params.model ?? '',
    maxTokens: params.max_tokens,
    temperature: params.temperature,
    topP: params.top_p,
    topK: params.top_k,
    stopSequences: params.stop_sequences,
    messages: params.messages && chatMessagesOf(params.messages),
    systemInstructions: system === '' ? undefined : system,
    onChunk,
  };
}
