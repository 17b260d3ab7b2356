import type { Attributes } from '@opentelemetry/api';
import type { GenerateOptions } from '@ragtrace/sdk';
import { ATTR_GEN_AI_REQUEST_CHOICE_COUNT } from '@ragtrace/semconv';
import { chatMessageOf } from './chat-messages.js';
import type { ChatCompletionParams } from './internal-types.js';
import { PROVIDER_NAME } from './provider.js';

/** `null` means "not set" in openai's params; the stage options want undefined. */
export function given<T>(value: T | null | undefined): T | undefined {
  return value ?? undefined;
}

function stopSequencesOf(stop: ChatCompletionParams['stop']): readonly string[] | undefined {
  return typeof stop === 'string' ? [stop] : given(stop);
}

/** The generate stage of a chat completion request; `attributes` are the server's. */
export function chatGenerateOptions(params: ChatCompletionParams, attributes: Attributes): GenerateOptions {
  return {
    model: params.model ?? '',
    provider: PROVIDER_NAME,
    temperature: given(params.temperature),
    topP: given(params.top_p),
    // max_tokens is deprecated in favour of max_completion_tokens; a request sends one of them.
    maxTokens: given(params.max_completion_tokens ?? params.max_tokens),
    frequencyPenalty: given(params.frequency_penalty),
    presencePenalty: given(params.presence_penalty),
    stopSequences: stopSequencesOf(params.stop),
    seed: given(params.seed),
    messages: (params.messages ?? []).map(chatMessageOf),
    attributes: {
      ...attributes,
      [ATTR_GEN_AI_REQUEST_CHOICE_COUNT]: params.n === 1 ? undefined : given(params.n),
    },
  };
}
