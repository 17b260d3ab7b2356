import type { GenerateSpan, TokenUsage } from '@ragtrace/sdk';
import { chatMessageOf } from './chat-messages.js';
import type { LangChainGeneration, LangChainLLMResult, LangChainMessage } from './internal-types.js';
import { asNumber, asString } from './read-values.js';

/** Ids LangChain makes up (`run-<runId>`) when the provider gave none: not a response id. */
const SYNTHETIC_ID_PREFIX = 'run-';

function usageOf(message: LangChainMessage | undefined, result: LangChainLLMResult): TokenUsage | undefined {
  const usage = message?.usage_metadata;
  if (usage !== undefined) {
    return {
      inputTokens: asNumber(usage.input_tokens),
      outputTokens: asNumber(usage.output_tokens),
      cacheReadTokens: asNumber(usage.input_token_details?.cache_read),
      cacheCreationTokens: asNumber(usage.input_token_details?.cache_creation),
      reasoningTokens: asNumber(usage.output_token_details?.reasoning),
    };
  }
  const tokenUsage = result.llmOutput?.tokenUsage;
  if (tokenUsage === undefined) return undefined;
  return {
    inputTokens: asNumber(tokenUsage.promptTokens),
    outputTokens: asNumber(tokenUsage.completionTokens),
  };
}

function finishReasonOf(generation: LangChainGeneration): string | undefined {
  const metadata = generation.message?.response_metadata ?? {};
  return (
    asString(generation.generationInfo?.finish_reason) ??
    asString(metadata.finish_reason) ??
    asString(metadata.stop_reason)
  );
}

function responseModelOf(message: LangChainMessage | undefined): string | undefined {
  const metadata = message?.response_metadata ?? {};
  return asString(metadata.model_name) ?? asString(metadata.model);
}

function responseIdOf(message: LangChainMessage | undefined): string | undefined {
  const id = asString(message?.id);
  return id?.startsWith(SYNTHETIC_ID_PREFIX) === true ? undefined : id;
}

/**
 * Usage, response facts and the reply from a model run's result. One span covers one prompt
 * (LangChain starts a run per prompt of a batch), so the first generation is the reply; every
 * generation's finish reason is kept, as `n > 1` gives several.
 */
export function recordModelResult(span: GenerateSpan, result: LangChainLLMResult): void {
  const generations = result.generations?.[0] ?? [];
  const first = generations[0];
  const message = first?.message;
  const usage = usageOf(message, result);
  if (usage !== undefined) span.setUsage(usage);
  const finishReasons = generations
    .map(finishReasonOf)
    .filter((reason): reason is string => reason !== undefined);
  span.setResponse({
    model: responseModelOf(message),
    id: responseIdOf(message),
    finishReasons: finishReasons.length > 0 ? finishReasons : undefined,
  });
  if (message !== undefined) span.setOutput({ ...chatMessageOf(message), role: 'assistant' });
  else if (first !== undefined) span.setOutput(first.text ?? '');
}
