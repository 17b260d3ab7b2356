import {
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
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
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT,
  ATTR_RAGTRACE_INPUT_CONTENT,
  ATTR_RAGTRACE_OUTPUT_CONTENT,
  ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK,
  ATTR_RAGTRACE_WORKFLOW_NAME,
  ATTR_SESSION_ID,
  ATTR_USER_ID,
  GEN_AI_OPERATION,
  RAG_STAGE,
  VERCEL_AI_ATTRIBUTES as AI,
  type RagStage,
} from '@ragtrace/semconv';
import type { SpanRow } from '../storage/span-row.js';
import { addMissing, copyMissing, type Attributes, type KeyMapping } from './attribute-writes.js';
import { serializeMessages, textPart, type GenAiMessage, type MessagePart } from './genai-messages.js';
import {
  finiteNumber,
  isRecord,
  jsonArrayText,
  jsonValueText,
  parseJson,
  scalarText,
} from './json-values.js';
import { mapDeprecatedGenAi } from './otel-genai-convention.js';
import { canonicalProviderName } from './provider-name.js';
import { applyStageRule, type StageRule } from './stage-rule.js';

/**
 * Each AI SDK function records a wrapper span (`ai.generateText`) around one provider call per
 * step (`ai.generateText.doGenerate`) and its tool calls. The provider call is the generate or
 * embed stage; the wrapper orchestrates steps, so it is a workflow span, and its usage — the sum
 * of its steps' — is not copied to the canonical token keys, where totals would count it twice.
 */
interface OperationRule extends StageRule {
  kind: 'wrapper' | 'model-call' | 'embedding-call' | 'tool-call';
}

const WRAPPER: OperationRule = {
  kind: 'wrapper',
  stage: RAG_STAGE.workflow,
  operation: GEN_AI_OPERATION.invokeWorkflow,
  nameKey: ATTR_RAGTRACE_WORKFLOW_NAME,
};
const MODEL_CALL: OperationRule = {
  kind: 'model-call',
  stage: RAG_STAGE.generate,
  operation: GEN_AI_OPERATION.chat,
};
const EMBEDDING_CALL: OperationRule = {
  kind: 'embedding-call',
  stage: RAG_STAGE.embed,
  operation: GEN_AI_OPERATION.embeddings,
};

const OPERATION_RULES: ReadonlyMap<string, OperationRule> = new Map<string, OperationRule>([
  ['ai.generateText', WRAPPER],
  ['ai.streamText', WRAPPER],
  ['ai.generateObject', WRAPPER],
  ['ai.streamObject', WRAPPER],
  ['ai.embed', WRAPPER],
  ['ai.embedMany', WRAPPER],
  ['ai.generateText.doGenerate', MODEL_CALL],
  ['ai.streamText.doStream', MODEL_CALL],
  ['ai.generateObject.doGenerate', MODEL_CALL],
  ['ai.streamObject.doStream', MODEL_CALL],
  ['ai.embed.doEmbed', EMBEDDING_CALL],
  ['ai.embedMany.doEmbed', EMBEDDING_CALL],
  [
    'ai.toolCall',
    {
      kind: 'tool-call',
      stage: RAG_STAGE.tool,
      operation: GEN_AI_OPERATION.executeTool,
      nameKey: ATTR_GEN_AI_TOOL_NAME,
      inputKey: ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
      outputKey: ATTR_GEN_AI_TOOL_CALL_RESULT,
    },
  ],
]);

const REQUEST_KEYS: KeyMapping = [
  [AI.modelId, ATTR_GEN_AI_REQUEST_MODEL],
  [AI.responseModel, ATTR_GEN_AI_RESPONSE_MODEL],
  [AI.responseId, ATTR_GEN_AI_RESPONSE_ID],
  [AI.settingsTemperature, ATTR_GEN_AI_REQUEST_TEMPERATURE],
  [AI.settingsTopP, ATTR_GEN_AI_REQUEST_TOP_P],
  [AI.settingsTopK, ATTR_GEN_AI_REQUEST_TOP_K],
  [AI.settingsMaxOutputTokens, ATTR_GEN_AI_REQUEST_MAX_TOKENS],
  [AI.settingsMaxTokens, ATTR_GEN_AI_REQUEST_MAX_TOKENS],
  [AI.settingsFrequencyPenalty, ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY],
  [AI.settingsPresencePenalty, ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY],
  [AI.settingsSeed, ATTR_GEN_AI_REQUEST_SEED],
  [AI.settingsStopSequences, ATTR_GEN_AI_REQUEST_STOP_SEQUENCES],
  // Telemetry metadata is named by the application; these are the names observability vendors document.
  [`${AI.metadataPrefix}sessionId`, ATTR_SESSION_ID],
  [`${AI.metadataPrefix}session_id`, ATTR_SESSION_ID],
  [`${AI.metadataPrefix}userId`, ATTR_USER_ID],
  [`${AI.metadataPrefix}user_id`, ATTR_USER_ID],
];

/** Usage of one provider call: AI SDK 5 names first, then the 3.x/4.x ones. */
const USAGE_KEYS: KeyMapping = [
  [AI.usageInputTokens, ATTR_GEN_AI_USAGE_INPUT_TOKENS],
  [AI.usagePromptTokens, ATTR_GEN_AI_USAGE_INPUT_TOKENS],
  [AI.usageTokens, ATTR_GEN_AI_USAGE_INPUT_TOKENS],
  [AI.usageOutputTokens, ATTR_GEN_AI_USAGE_OUTPUT_TOKENS],
  [AI.usageCompletionTokens, ATTR_GEN_AI_USAGE_OUTPUT_TOKENS],
  [AI.usageCachedInputTokens, ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS],
  [AI.usageReasoningTokens, ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS],
];

/** Vercel AI SDK spans (`experimental_telemetry`), identified by `ai.operationId`. */
export function mapVercelAi(row: SpanRow): RagStage | undefined {
  const attributes = row.SpanAttributes;
  const rule = OPERATION_RULES.get(attributes[AI.operationId]!);
  copyMissing(attributes, REQUEST_KEYS);
  const provider = attributes[AI.modelProvider];
  if (provider !== undefined)
    addMissing(attributes, ATTR_GEN_AI_PROVIDER_NAME, canonicalProviderName(provider));
  const finishReason = attributes[AI.responseFinishReason];
  if (finishReason !== undefined)
    addMissing(attributes, ATTR_GEN_AI_RESPONSE_FINISH_REASONS, jsonArrayText([finishReason]));
  const stage = rule === undefined ? undefined : applyRule(attributes, rule);
  mapDeprecatedGenAi(row);
  return stage;
}

function applyRule(attributes: Attributes, rule: OperationRule): RagStage {
  switch (rule.kind) {
    case 'wrapper':
      addMissing(attributes, ATTR_RAGTRACE_INPUT_CONTENT, attributes[AI.prompt]);
      addMissing(
        attributes,
        ATTR_RAGTRACE_OUTPUT_CONTENT,
        attributes[AI.responseText] ?? attributes[AI.responseObject],
      );
      return applyStageRule(attributes, rule, { name: attributes[AI.functionId] });
    case 'model-call': {
      copyMissing(attributes, USAGE_KEYS);
      const msToFirstChunk = finiteNumber(
        attributes[AI.responseMsToFirstChunk] ?? attributes[AI.streamMsToFirstChunk],
      );
      if (msToFirstChunk !== undefined) {
        addMissing(attributes, ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK, scalarText(msToFirstChunk / 1000));
      }
      addMissing(
        attributes,
        ATTR_GEN_AI_INPUT_MESSAGES,
        serializeMessages(promptMessages(attributes[AI.promptMessages])),
      );
      addMissing(attributes, ATTR_GEN_AI_OUTPUT_MESSAGES, serializeMessages(responseMessages(attributes)));
      return applyStageRule(attributes, rule);
    }
    case 'embedding-call': {
      copyMissing(attributes, USAGE_KEYS);
      const values = parseJson(attributes[AI.values]);
      if (Array.isArray(values))
        addMissing(attributes, ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT, String(values.length));
      return applyStageRule(attributes, rule);
    }
    case 'tool-call':
      addMissing(attributes, ATTR_GEN_AI_TOOL_CALL_ID, attributes[AI.toolCallId]);
      return applyStageRule(attributes, rule, {
        name: attributes[AI.toolCallName],
        input: attributes[AI.toolCallInput] ?? attributes[AI.toolCallArgs],
        output: attributes[AI.toolCallOutput] ?? attributes[AI.toolCallResult],
      });
  }
}

/** `ai.prompt.messages`: the provider-level prompt, `{role, content}` with typed content parts. */
function promptMessages(text: string | undefined): GenAiMessage[] {
  const messages = parseJson(text);
  if (!Array.isArray(messages)) return [];
  return messages.flatMap((message) => {
    if (!isRecord(message) || typeof message['role'] !== 'string') return [];
    const content = message['content'];
    const parts =
      typeof content === 'string'
        ? textPart(content)
        : Array.isArray(content)
          ? content.flatMap(promptPart)
          : [];
    return [{ role: message['role'], parts }];
  });
}

function promptPart(part: unknown): MessagePart[] {
  if (!isRecord(part)) return [];
  switch (part['type']) {
    case 'text':
      return typeof part['text'] === 'string' ? textPart(part['text']) : [];
    case 'tool-call':
      return [toolCallPart(part)];
    case 'tool-result':
      return [
        {
          type: 'tool_call_response',
          id: jsonValueText(part['toolCallId']),
          response: part['output'] ?? part['result'],
        },
      ];
    default:
      return [];
  }
}

/** A tool call as the SDK records it: `args` (3.x/4.x) or `input` (5). */
function toolCallPart(call: Record<string, unknown>): MessagePart {
  return {
    type: 'tool_call',
    id: jsonValueText(call['toolCallId']),
    name: jsonValueText(call['toolName']) ?? '',
    arguments: call['input'] ?? call['args'],
  };
}

/** The assistant message of one provider call: its text and the tool calls it asked for. */
function responseMessages(attributes: Attributes): GenAiMessage[] {
  const toolCalls = parseJson(attributes[AI.responseToolCalls]);
  const parts: MessagePart[] = [
    ...textPart(attributes[AI.responseText] ?? attributes[AI.responseObject]),
    ...(Array.isArray(toolCalls) ? toolCalls.filter(isRecord).map(toolCallPart) : []),
  ];
  if (parts.length === 0) return [];
  const finishReason = attributes[AI.responseFinishReason];
  return [
    finishReason === undefined
      ? { role: 'assistant', parts }
      : { role: 'assistant', parts, finish_reason: finishReason },
  ];
}
