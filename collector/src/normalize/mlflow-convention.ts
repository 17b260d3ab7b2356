import {
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_RAGTRACE_INPUT_CONTENT,
  ATTR_RAGTRACE_OUTPUT_CONTENT,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES,
  ATTR_RAGTRACE_USAGE_COST_USD,
  GEN_AI_OPERATION,
  MLFLOW_ATTRIBUTES as MLFLOW,
  RAG_STAGE,
  type RagStage,
} from '@ragtrace/semconv';
import type { SpanRow } from '../storage/span-row.js';
import { addMissing, type Attributes } from './attribute-writes.js';
import { addDocumentList, type ListedDocument } from './document-list.js';
import {
  messagesFromChoices,
  messagesFromRoleContentList,
  serializeMessages,
  textPart,
} from './genai-messages.js';
import {
  finiteNumber,
  isRecord,
  jsonArrayText,
  jsonValueText,
  parseJson,
  scalarText,
} from './json-values.js';
import { canonicalProviderName } from './provider-name.js';
import { addRequestParameters } from './request-parameters.js';
import { applyStageRule, type StageRule } from './stage-rule.js';

const FREE_FORM = { inputKey: ATTR_RAGTRACE_INPUT_CONTENT, outputKey: ATTR_RAGTRACE_OUTPUT_CONTENT };

/** How a span type's inputs and outputs are read, beyond copying them. */
interface SpanTypeRule extends StageRule {
  content: 'chat' | 'retrieval' | 'copy';
}

const CHAT: SpanTypeRule = { content: 'chat', stage: RAG_STAGE.generate, operation: GEN_AI_OPERATION.chat };
const WORKFLOW: SpanTypeRule = {
  content: 'copy',
  stage: RAG_STAGE.workflow,
  operation: GEN_AI_OPERATION.invokeWorkflow,
  ...FREE_FORM,
};

/** `mlflow.spanType` values; PARSER, MEMORY, GUARDRAIL, EVALUATOR and UNKNOWN have no RAG stage. */
const SPAN_TYPE_RULES: ReadonlyMap<string, SpanTypeRule> = new Map<string, SpanTypeRule>([
  ['LLM', CHAT],
  ['CHAT_MODEL', CHAT],
  [
    'EMBEDDING',
    { content: 'copy', stage: RAG_STAGE.embed, operation: GEN_AI_OPERATION.embeddings, ...FREE_FORM },
  ],
  ['RETRIEVER', { content: 'retrieval', stage: RAG_STAGE.retrieve, operation: GEN_AI_OPERATION.retrieval }],
  [
    'RERANKER',
    { content: 'copy', stage: RAG_STAGE.rerank, operation: GEN_AI_OPERATION.rerank, ...FREE_FORM },
  ],
  [
    'TOOL',
    {
      content: 'copy',
      stage: RAG_STAGE.tool,
      operation: GEN_AI_OPERATION.executeTool,
      nameKey: ATTR_GEN_AI_TOOL_NAME,
      inputKey: ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
      outputKey: ATTR_GEN_AI_TOOL_CALL_RESULT,
    },
  ],
  [
    'AGENT',
    { content: 'copy', stage: RAG_STAGE.agent, operation: GEN_AI_OPERATION.invokeAgent, ...FREE_FORM },
  ],
  ['CHAIN', WORKFLOW],
  ['WORKFLOW', WORKFLOW],
  ['TASK', { content: 'copy', stage: RAG_STAGE.workflow, ...FREE_FORM }],
]);

/**
 * MLflow Tracing spans (`mlflow.spanType`). MLflow JSON-encodes every attribute value, so
 * strings arrive quoted and usage/cost arrive as JSON objects. Its trace ids and experiment ids
 * are not ragtrace runs, so no run keys are derived from them.
 */
export function mapMlflow(row: SpanRow): RagStage | undefined {
  const attributes = row.SpanAttributes;
  const rule = SPAN_TYPE_RULES.get(decoded(attributes[MLFLOW.spanType]) ?? '');
  const inputs = parseJson(attributes[MLFLOW.spanInputs]);
  const outputs = parseJson(attributes[MLFLOW.spanOutputs]);
  addUsage(attributes);
  addMissing(attributes, ATTR_GEN_AI_REQUEST_MODEL, decoded(attributes[MLFLOW.llmModel]));
  const provider = decoded(attributes[MLFLOW.llmProvider]);
  if (provider !== undefined)
    addMissing(attributes, ATTR_GEN_AI_PROVIDER_NAME, canonicalProviderName(provider));
  if (rule === undefined) return undefined;
  if (rule.content === 'chat') addChatContent(attributes, inputs, outputs);
  if (rule.content === 'retrieval') addRetrievalContent(attributes, inputs, outputs);
  return applyStageRule(attributes, rule, {
    name: row.SpanName,
    input: jsonValueText(inputs),
    output: jsonValueText(outputs),
  });
}

/** An MLflow attribute value: JSON text, a string inside it unwrapped. */
function decoded(value: string | undefined): string | undefined {
  return jsonValueText(parseJson(value) ?? value);
}

function addUsage(attributes: Attributes): void {
  const usage = parseJson(attributes[MLFLOW.chatTokenUsage]);
  if (isRecord(usage)) {
    addMissing(attributes, ATTR_GEN_AI_USAGE_INPUT_TOKENS, scalarText(usage['input_tokens']));
    addMissing(attributes, ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, scalarText(usage['output_tokens']));
    addMissing(
      attributes,
      ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
      scalarText(usage['cache_read_input_tokens']),
    );
    addMissing(
      attributes,
      ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
      scalarText(usage['cache_creation_input_tokens']),
    );
  }
  const cost = parseJson(attributes[MLFLOW.llmCost]);
  if (isRecord(cost)) addMissing(attributes, ATTR_RAGTRACE_USAGE_COST_USD, scalarText(cost['total_cost']));
}

/** Chat model inputs are the request (OpenAI-style for most flavors); outputs the response. */
function addChatContent(attributes: Attributes, inputs: unknown, outputs: unknown): void {
  if (isRecord(inputs)) {
    addRequestParameters(attributes, inputs);
    addMissing(
      attributes,
      ATTR_GEN_AI_INPUT_MESSAGES,
      serializeMessages(messagesFromRoleContentList(inputs['messages'])),
    );
  }
  if (typeof outputs === 'string') {
    addMissing(
      attributes,
      ATTR_GEN_AI_OUTPUT_MESSAGES,
      serializeMessages([{ role: 'assistant', parts: textPart(outputs) }]),
    );
  } else if (isRecord(outputs)) {
    addMissing(attributes, ATTR_GEN_AI_RESPONSE_ID, jsonValueText(outputs['id']));
    addMissing(attributes, ATTR_GEN_AI_RESPONSE_MODEL, jsonValueText(outputs['model']));
    const messages = messagesFromChoices(outputs['choices']);
    addMissing(attributes, ATTR_GEN_AI_OUTPUT_MESSAGES, serializeMessages(messages));
    const finishReasons = messages.flatMap((message) =>
      message.finish_reason === undefined ? [] : [message.finish_reason],
    );
    addMissing(attributes, ATTR_GEN_AI_RESPONSE_FINISH_REASONS, jsonArrayText(finishReasons));
  }
}

/** Retriever inputs hold the query; outputs are MLflow `Document`s (`page_content`, `metadata`, `id`). */
function addRetrievalContent(attributes: Attributes, inputs: unknown, outputs: unknown): void {
  const query = typeof inputs === 'string' ? inputs : isRecord(inputs) ? inputs['query'] : undefined;
  addMissing(attributes, ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT, jsonValueText(query));
  if (!Array.isArray(outputs)) return;
  addDocumentList(attributes, outputs.map(listedDocument), {
    count: ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT,
    ids: ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS,
    scores: ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES,
  });
}

function listedDocument(document: unknown): ListedDocument {
  if (!isRecord(document)) return { id: undefined, score: undefined };
  const metadata = isRecord(document['metadata']) ? document['metadata'] : {};
  return {
    id: scalarText(document['id'] ?? metadata['chunk_id'] ?? metadata['doc_uri']),
    score: finiteNumber(metadata['score'] ?? document['score']),
  };
}
