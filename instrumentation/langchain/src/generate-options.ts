import type { ChatMessage, GenerateOptions } from '@ragtrace/sdk';
import { conversationIdOf } from './conversation-id.js';
import type { LangChainModelExtraParams, SerializedRunnable } from './internal-types.js';
import { asNumber, asRecord, asString, asStringArray } from './read-values.js';
import { runNameOf } from './run-name.js';

/** A model run as handleChatModelStart / handleLLMStart describe it. */
export interface ModelRunStart {
  readonly operation: 'chat' | 'text_completion';
  readonly serialized: SerializedRunnable | undefined;
  readonly messages: readonly ChatMessage[];
  readonly extraParams: LangChainModelExtraParams | undefined;
  readonly metadata: Record<string, unknown> | undefined;
  readonly runName: string | undefined;
}

/**
 * The model and its parameters: LangChain's own `ls_*` metadata first (every chat model sets
 * `ls_provider`; most set `ls_model_name`), then the integration's invocation params under the
 * names the big providers use, then the run's name so the span always says which model class ran.
 */
export function generateOptionsOf(run: ModelRunStart): GenerateOptions {
  const params = asRecord(run.extraParams?.invocation_params);
  const metadata = run.metadata ?? {};
  const model =
    asString(metadata.ls_model_name) ??
    asString(params.model) ??
    asString(params.model_name) ??
    asString(params.modelName) ??
    runNameOf(run.serialized, run.runName);
  return {
    model,
    operation: run.operation,
    provider: asString(metadata.ls_provider),
    temperature: asNumber(params.temperature) ?? asNumber(metadata.ls_temperature),
    topP: asNumber(params.top_p) ?? asNumber(params.topP),
    topK: asNumber(params.top_k) ?? asNumber(params.topK),
    maxTokens:
      asNumber(params.max_tokens) ??
      asNumber(params.max_completion_tokens) ??
      asNumber(params.maxTokens) ??
      asNumber(metadata.ls_max_tokens),
    frequencyPenalty: asNumber(params.frequency_penalty) ?? asNumber(params.frequencyPenalty),
    presencePenalty: asNumber(params.presence_penalty) ?? asNumber(params.presencePenalty),
    stopSequences: asStringArray(metadata.ls_stop) ?? asStringArray(params.stop),
    seed: asNumber(params.seed),
    conversationId: conversationIdOf(metadata),
    messages: run.messages,
  };
}
