import { SpanKind } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY,
  ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
  ATTR_RAGTRACE_PROMPT_VERSION,
  GEN_AI_OPERATION,
  RAG_STAGE,
} from '@ragtrace/semconv';
import {
  serializeInputMessages,
  serializeOutputMessage,
  serializeSystemInstructions,
} from '../content/genai-messages.js';
import type { StageDefinition, StageSpanImpl } from '../internal-types.js';
import type {
  ChatMessage,
  GenerateOptions,
  GenerateSpan,
  StageOverrides,
  StageResult,
  StartedStage,
} from '../types.js';
import { stageAttributes, stageSpanName } from './base-attributes.js';
import { beginStage } from './begin-stage.js';
import { runStage } from './run-stage.js';

function describeGenerate<Chunk>(options: GenerateOptions<Chunk>): StageDefinition {
  const operation = options.operation ?? GEN_AI_OPERATION.chat;
  const { messages, systemInstructions } = options;
  return {
    stage: RAG_STAGE.generate,
    spanName: stageSpanName(operation, options.model),
    kind: SpanKind.CLIENT,
    attributes: stageAttributes(RAG_STAGE.generate, operation, options, {
      [ATTR_GEN_AI_PROVIDER_NAME]: options.provider,
      [ATTR_GEN_AI_REQUEST_MODEL]: options.model,
      [ATTR_GEN_AI_REQUEST_TEMPERATURE]: options.temperature,
      [ATTR_GEN_AI_REQUEST_TOP_P]: options.topP,
      [ATTR_GEN_AI_REQUEST_TOP_K]: options.topK,
      [ATTR_GEN_AI_REQUEST_MAX_TOKENS]: options.maxTokens,
      [ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY]: options.frequencyPenalty,
      [ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY]: options.presencePenalty,
      [ATTR_GEN_AI_REQUEST_STOP_SEQUENCES]: options.stopSequences && [...options.stopSequences],
      [ATTR_GEN_AI_REQUEST_SEED]: options.seed,
      [ATTR_GEN_AI_PROMPT_NAME]: options.prompt?.name,
      [ATTR_RAGTRACE_PROMPT_VERSION]: options.prompt?.version,
    }),
    inputContent: [
      {
        attribute: ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
        kind: 'input',
        serialize: () => systemInstructions && serializeSystemInstructions(systemInstructions),
      },
      {
        attribute: ATTR_GEN_AI_INPUT_MESSAGES,
        kind: 'input',
        serialize: () => messages && serializeInputMessages(messages),
      },
    ],
    output: {
      attribute: ATTR_GEN_AI_OUTPUT_MESSAGES,
      serialize: (output, finishReasons) =>
        serializeOutputMessage(output as string | ChatMessage, finishReasons),
    },
    // Chunk is the caller's own statement of what their stream yields; the core passes chunks through untouched.
    onChunk: options.onChunk as ((chunk: unknown, span: StageSpanImpl) => void) | undefined,
  };
}

/**
 * A chat or text-completion call (`chat {model}`, SpanKind CLIENT). Record usage and the response
 * through the span handle; for a streamed response, `onChunk` sees every chunk.
 */
export function generate<T, Chunk = unknown>(
  options: GenerateOptions<Chunk>,
  fn: (span: GenerateSpan) => T,
): StageResult<T> {
  return runStage(() => describeGenerate(options), fn);
}

/** `generate` for instrumentations: the span ends when the caller says (see {@link StartedStage}). */
export function beginGenerate<Chunk = unknown>(
  options: GenerateOptions<Chunk>,
  overrides?: StageOverrides,
): StartedStage<GenerateSpan> {
  return beginStage(RAG_STAGE.generate, () => describeGenerate(options), overrides);
}
