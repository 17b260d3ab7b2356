import {
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_DATA_SOURCE_ID,
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
  ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY,
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_RAGTRACE_INPUT_CONTENT,
  ATTR_RAGTRACE_OUTPUT_CONTENT,
  ATTR_RAGTRACE_PROMPT_VERSION,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES,
  ATTR_RAGTRACE_WORKFLOW_NAME,
  ATTR_SESSION_ID,
  ATTR_USER_ID,
  GEN_AI_OPERATION,
  OPENLLMETRY_ATTRIBUTES as OLL,
  RAG_STAGE,
  type RagStage,
} from '@ragtrace/semconv';
import type { SpanRow } from '../storage/span-row.js';
import { addMissing, copyMissing, type Attributes, type KeyMapping } from './attribute-writes.js';
import { addDocumentList } from './document-list.js';
import { serializeMessages, textPart, type GenAiMessage } from './genai-messages.js';
import { readIndexed } from './indexed-attributes.js';
import { finiteNumber, jsonArrayText } from './json-values.js';
import { mapDeprecatedGenAi } from './otel-genai-convention.js';
import { eventsNamed } from './span-events.js';
import { applyStageRule, type StageRule } from './stage-rule.js';

/** Free-form input/output of workflow-like entities (`@workflow`, `@task`, `@agent`). */
const FREE_FORM = { inputKey: ATTR_RAGTRACE_INPUT_CONTENT, outputKey: ATTR_RAGTRACE_OUTPUT_CONTENT };

/** `traceloop.span.kind`, set by the Traceloop SDK's decorators on the user's own functions. */
const SPAN_KIND_RULES: ReadonlyMap<string, StageRule> = new Map<string, StageRule>([
  [
    'workflow',
    {
      stage: RAG_STAGE.workflow,
      operation: GEN_AI_OPERATION.invokeWorkflow,
      nameKey: ATTR_RAGTRACE_WORKFLOW_NAME,
      ...FREE_FORM,
    },
  ],
  // A task is one step of a workflow: orchestration too, but no GenAI operation of its own.
  ['task', { stage: RAG_STAGE.workflow, nameKey: ATTR_RAGTRACE_WORKFLOW_NAME, ...FREE_FORM }],
  [
    'agent',
    {
      stage: RAG_STAGE.agent,
      operation: GEN_AI_OPERATION.invokeAgent,
      nameKey: ATTR_GEN_AI_AGENT_NAME,
      ...FREE_FORM,
    },
  ],
  [
    'tool',
    {
      stage: RAG_STAGE.tool,
      operation: GEN_AI_OPERATION.executeTool,
      nameKey: ATTR_GEN_AI_TOOL_NAME,
      inputKey: ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
      outputKey: ATTR_GEN_AI_TOOL_CALL_RESULT,
    },
  ],
]);

/** `llm.request.type`, set by the provider instrumentations (openai, anthropic, cohere, …). */
const REQUEST_TYPE_RULES: ReadonlyMap<string, StageRule> = new Map<string, StageRule>([
  ['chat', { stage: RAG_STAGE.generate, operation: GEN_AI_OPERATION.chat }],
  ['completion', { stage: RAG_STAGE.generate, operation: GEN_AI_OPERATION.textCompletion }],
  ['embedding', { stage: RAG_STAGE.embed, operation: GEN_AI_OPERATION.embeddings }],
  ['embeddings', { stage: RAG_STAGE.embed, operation: GEN_AI_OPERATION.embeddings }],
  ['rerank', { stage: RAG_STAGE.rerank, operation: GEN_AI_OPERATION.rerank }],
]);

const VECTOR_QUERY_RULE: StageRule = { stage: RAG_STAGE.retrieve, operation: GEN_AI_OPERATION.retrieval };

/** Keys the vector-database instrumentations put a query's result limit under. */
const VECTOR_TOP_K_KEYS = [OLL.vectorQueryTopK, OLL.pineconeQueryTopK, OLL.chromaQueryResults] as const;

/** Whether a span carries a key only OpenLLMetry sets; cheap lookups, no key scan. */
export function isOpenLlmetrySpan(attributes: Attributes): boolean {
  return (
    attributes[OLL.spanKind] !== undefined ||
    attributes[OLL.llmRequestType] !== undefined ||
    VECTOR_TOP_K_KEYS.some((key) => attributes[key] !== undefined)
  );
}

const DIRECT_KEYS: KeyMapping = [
  [OLL.workflowName, ATTR_RAGTRACE_WORKFLOW_NAME],
  [OLL.promptKey, ATTR_GEN_AI_PROMPT_NAME],
  [OLL.promptVersion, ATTR_RAGTRACE_PROMPT_VERSION],
  [OLL.llmTopK, ATTR_GEN_AI_REQUEST_TOP_K],
  [OLL.llmFrequencyPenalty, ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY],
  [OLL.llmPresencePenalty, ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY],
  [OLL.llmChatStopSequences, ATTR_GEN_AI_REQUEST_STOP_SEQUENCES],
  [OLL.usageCacheReadInputTokens, ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS],
  [OLL.usageCacheCreationInputTokens, ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS],
  [OLL.llmUser, ATTR_USER_ID],
  [OLL.vectorTableName, ATTR_GEN_AI_DATA_SOURCE_ID],
  // Association properties are named by the application; these are the names Traceloop documents.
  [`${OLL.associationPropertiesPrefix}session_id`, ATTR_SESSION_ID],
  [`${OLL.associationPropertiesPrefix}sessionId`, ATTR_SESSION_ID],
  [`${OLL.associationPropertiesPrefix}user_id`, ATTR_USER_ID],
  [`${OLL.associationPropertiesPrefix}userId`, ATTR_USER_ID],
];

/**
 * OpenLLMetry / Traceloop spans. `llm.usage.total_tokens` has no canonical key (it is input plus
 * output) and stays as sent.
 */
export function mapOpenLlmetry(row: SpanRow): RagStage | undefined {
  const attributes = row.SpanAttributes;
  const rule = ruleFor(attributes);
  const stage =
    rule === undefined
      ? undefined
      : applyStageRule(attributes, rule, {
          name: attributes[OLL.entityName],
          input: attributes[OLL.entityInput],
          output: attributes[OLL.entityOutput],
        });
  copyMissing(attributes, DIRECT_KEYS);
  for (const key of VECTOR_TOP_K_KEYS) addMissing(attributes, ATTR_GEN_AI_REQUEST_TOP_K, attributes[key]);
  const finishReason = attributes[OLL.llmResponseFinishReason];
  if (finishReason !== undefined)
    addMissing(attributes, ATTR_GEN_AI_RESPONSE_FINISH_REASONS, jsonArrayText([finishReason]));
  addIndexedMessages(attributes, OLL.promptPrefix, ATTR_GEN_AI_INPUT_MESSAGES);
  addIndexedMessages(attributes, OLL.completionPrefix, ATTR_GEN_AI_OUTPUT_MESSAGES);
  if (stage === RAG_STAGE.retrieve) addQueryResults(row);
  mapDeprecatedGenAi(row);
  return stage;
}

function ruleFor(attributes: Attributes): StageRule | undefined {
  const kind = attributes[OLL.spanKind];
  if (kind !== undefined) return SPAN_KIND_RULES.get(kind);
  const requestType = attributes[OLL.llmRequestType];
  if (requestType !== undefined) return REQUEST_TYPE_RULES.get(requestType);
  return VECTOR_QUERY_RULE;
}

/** `gen_ai.prompt.{i}.role/content` and `gen_ai.completion.{i}.role/content/finish_reason`. */
function addIndexedMessages(attributes: Attributes, prefix: string, key: string): void {
  if (attributes[key] !== undefined) return;
  const entries = readIndexed(attributes, prefix, [
    OLL.roleSuffix,
    OLL.contentSuffix,
    OLL.finishReasonSuffix,
  ]);
  const messages: GenAiMessage[] = entries.map(([role, content, finishReason]) =>
    finishReason === undefined
      ? { role: role ?? '', parts: textPart(content) }
      : { role: role ?? '', parts: textPart(content), finish_reason: finishReason },
  );
  addMissing(attributes, key, serializeMessages(messages));
  const finishReasons = entries.flatMap(([, , finishReason]) =>
    finishReason === undefined ? [] : [finishReason],
  );
  addMissing(attributes, ATTR_GEN_AI_RESPONSE_FINISH_REASONS, jsonArrayText(finishReasons));
}

/** Vector-database matches, one `db.query.result` span event each. */
function addQueryResults(row: SpanRow): void {
  const results = eventsNamed(row, OLL.queryResultEvent);
  addDocumentList(
    row.SpanAttributes,
    results.map((result) => ({
      id: result[OLL.queryResultId],
      score: finiteNumber(result[OLL.queryResultScore]),
    })),
    {
      count: ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT,
      ids: ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS,
      scores: ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES,
    },
  );
}
