import {
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_GEN_AI_TOOL_DESCRIPTION,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT,
  ATTR_RAGTRACE_INPUT_CONTENT,
  ATTR_RAGTRACE_OUTPUT_CONTENT,
  ATTR_RAGTRACE_PROMPT_VERSION,
  ATTR_RAGTRACE_RERANK_INPUT_COUNT,
  ATTR_RAGTRACE_RERANK_INPUT_IDS,
  ATTR_RAGTRACE_RERANK_OUTPUT_IDS,
  ATTR_RAGTRACE_RERANK_OUTPUT_SCORES,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES,
  ATTR_RAGTRACE_USAGE_COST_USD,
  GEN_AI_OPERATION,
  OPENINFERENCE_ATTRIBUTES as OI,
  RAG_STAGE,
  type RagStage,
} from '@ragtrace/semconv';
import type { SpanRow } from '../storage/span-row.js';
import { addMissing, copyMissing, type Attributes, type KeyMapping } from './attribute-writes.js';
import { addDocumentList, type DocumentListKeys } from './document-list.js';
import { serializeMessages, textPart, type GenAiMessage, type MessagePart } from './genai-messages.js';
import { readIndexed } from './indexed-attributes.js';
import { finiteNumber, isRecord, jsonArrayText, parseJson } from './json-values.js';
import { canonicalProviderName } from './provider-name.js';
import { addRequestParameters } from './request-parameters.js';
import { applyStageRule, type StageRule } from './stage-rule.js';

/** `openinference.span.kind` values; GUARDRAIL, EVALUATOR, PROMPT and UNKNOWN have no RAG stage. */
const KIND_RULES: ReadonlyMap<string, StageRule> = new Map<string, StageRule>([
  ['LLM', { stage: RAG_STAGE.generate, operation: GEN_AI_OPERATION.chat }],
  [
    'EMBEDDING',
    { stage: RAG_STAGE.embed, operation: GEN_AI_OPERATION.embeddings, inputKey: ATTR_RAGTRACE_INPUT_CONTENT },
  ],
  [
    'RETRIEVER',
    {
      stage: RAG_STAGE.retrieve,
      operation: GEN_AI_OPERATION.retrieval,
      inputKey: ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT,
    },
  ],
  [
    'RERANKER',
    { stage: RAG_STAGE.rerank, operation: GEN_AI_OPERATION.rerank, inputKey: ATTR_RAGTRACE_INPUT_CONTENT },
  ],
  [
    'TOOL',
    {
      stage: RAG_STAGE.tool,
      operation: GEN_AI_OPERATION.executeTool,
      inputKey: ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
      outputKey: ATTR_GEN_AI_TOOL_CALL_RESULT,
    },
  ],
  [
    'AGENT',
    {
      stage: RAG_STAGE.agent,
      operation: GEN_AI_OPERATION.invokeAgent,
      inputKey: ATTR_RAGTRACE_INPUT_CONTENT,
      outputKey: ATTR_RAGTRACE_OUTPUT_CONTENT,
    },
  ],
  [
    'CHAIN',
    {
      stage: RAG_STAGE.workflow,
      operation: GEN_AI_OPERATION.invokeWorkflow,
      inputKey: ATTR_RAGTRACE_INPUT_CONTENT,
      outputKey: ATTR_RAGTRACE_OUTPUT_CONTENT,
    },
  ],
]);

/** Keys with a one-to-one canonical counterpart; the request model falls back from the most specific name. */
const DIRECT_KEYS: KeyMapping = [
  [OI.llmRequestModelName, ATTR_GEN_AI_REQUEST_MODEL],
  [OI.llmModelName, ATTR_GEN_AI_REQUEST_MODEL],
  [OI.embeddingModelName, ATTR_GEN_AI_REQUEST_MODEL],
  [OI.rerankerModelName, ATTR_GEN_AI_REQUEST_MODEL],
  [OI.llmResponseModelName, ATTR_GEN_AI_RESPONSE_MODEL],
  [OI.llmTokenCountPrompt, ATTR_GEN_AI_USAGE_INPUT_TOKENS],
  [OI.llmTokenCountCompletion, ATTR_GEN_AI_USAGE_OUTPUT_TOKENS],
  [OI.llmTokenCountCacheRead, ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS],
  [OI.llmTokenCountCacheWrite, ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS],
  [OI.llmTokenCountReasoning, ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS],
  [OI.llmCostTotal, ATTR_RAGTRACE_USAGE_COST_USD],
  [OI.llmPromptTemplateVersion, ATTR_RAGTRACE_PROMPT_VERSION],
  [OI.promptId, ATTR_GEN_AI_PROMPT_NAME],
  [OI.rerankerTopK, ATTR_GEN_AI_REQUEST_TOP_K],
  [OI.rerankerQuery, ATTR_RAGTRACE_INPUT_CONTENT],
  [OI.toolName, ATTR_GEN_AI_TOOL_NAME],
  [OI.toolDescription, ATTR_GEN_AI_TOOL_DESCRIPTION],
  [OI.toolId, ATTR_GEN_AI_TOOL_CALL_ID],
  [OI.agentName, ATTR_GEN_AI_AGENT_NAME],
];

/**
 * OpenInference spans (Arize Phoenix, the openinference-instrumentation-* packages). Session and
 * user ids already use the canonical `session.id` / `user.id` keys.
 */
export function mapOpenInference(row: SpanRow): RagStage | undefined {
  const attributes = row.SpanAttributes;
  const rule = KIND_RULES.get(attributes[OI.spanKind]!.toUpperCase());
  const stage =
    rule === undefined
      ? undefined
      : applyStageRule(attributes, rule, {
          input: attributes[OI.inputValue],
          output: attributes[OI.outputValue],
        });
  // The invocation parameters are the request as sent, so their model is the requested one;
  // `llm.model_name` is often the model that answered and only fills in when they lack one.
  const parameters = parseJson(attributes[OI.llmInvocationParameters]);
  if (isRecord(parameters)) addRequestParameters(attributes, parameters);
  copyMissing(attributes, DIRECT_KEYS);
  const provider = attributes[OI.llmProvider] ?? attributes[OI.llmSystem];
  if (provider !== undefined)
    addMissing(attributes, ATTR_GEN_AI_PROVIDER_NAME, canonicalProviderName(provider));
  const finishReason = attributes[OI.llmFinishReason];
  if (finishReason !== undefined)
    addMissing(attributes, ATTR_GEN_AI_RESPONSE_FINISH_REASONS, jsonArrayText([finishReason]));

  addMessages(attributes, OI.llmInputMessagesPrefix, ATTR_GEN_AI_INPUT_MESSAGES);
  addMessages(attributes, OI.llmOutputMessagesPrefix, ATTR_GEN_AI_OUTPUT_MESSAGES);
  addDocuments(attributes, OI.retrievalDocumentsPrefix, {
    count: ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT,
    ids: ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS,
    scores: ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES,
  });
  addDocuments(attributes, OI.rerankerInputDocumentsPrefix, {
    count: ATTR_RAGTRACE_RERANK_INPUT_COUNT,
    ids: ATTR_RAGTRACE_RERANK_INPUT_IDS,
  });
  addDocuments(attributes, OI.rerankerOutputDocumentsPrefix, {
    ids: ATTR_RAGTRACE_RERANK_OUTPUT_IDS,
    scores: ATTR_RAGTRACE_RERANK_OUTPUT_SCORES,
  });
  const embeddings = readIndexed(attributes, OI.embeddingEmbeddingsPrefix, [
    OI.embeddingTextSuffix,
    OI.embeddingVectorSuffix,
  ]);
  if (embeddings.length > 0)
    addMissing(attributes, ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT, String(embeddings.length));
  return stage;
}

function addDocuments(attributes: Attributes, prefix: string, keys: DocumentListKeys): void {
  const entries = readIndexed(attributes, prefix, [
    OI.documentIdSuffix,
    OI.documentScoreSuffix,
    OI.documentContentSuffix,
  ]);
  addDocumentList(
    attributes,
    entries.map(([id, score]) => ({ id, score: finiteNumber(score) })),
    keys,
  );
}

function addMessages(attributes: Attributes, prefix: string, key: string): void {
  if (attributes[key] !== undefined) return;
  const entries = readIndexed(attributes, prefix, [
    OI.messageRoleSuffix,
    OI.messageContentSuffix,
    OI.messageToolCallIdSuffix,
  ]);
  const messages: GenAiMessage[] = entries.map(([role, content, toolCallId], index) => {
    const base = prefix + index;
    const parts: MessagePart[] =
      toolCallId === undefined
        ? [...textPart(content), ...contentParts(attributes, base), ...toolCalls(attributes, base)]
        : [{ type: 'tool_call_response', id: toolCallId, response: content ?? '' }];
    return { role: role ?? '', parts };
  });
  addMissing(attributes, key, serializeMessages(messages));
}

/** Text parts of a message sent as `message.contents.{j}.message_content.*`. */
function contentParts(attributes: Attributes, messageBase: string): MessagePart[] {
  return readIndexed(attributes, messageBase + OI.messageContentsInfix, [
    OI.messageContentTextSuffix,
  ]).flatMap(([text]) => textPart(text));
}

function toolCalls(attributes: Attributes, messageBase: string): MessagePart[] {
  const calls = readIndexed(attributes, messageBase + OI.messageToolCallsInfix, [
    OI.toolCallIdSuffix,
    OI.toolCallFunctionNameSuffix,
    OI.toolCallFunctionArgumentsSuffix,
  ]);
  return calls.map(([id, name, args]) => ({
    type: 'tool_call',
    id,
    name: name ?? '',
    arguments: parseJson(args) ?? args,
  }));
}
