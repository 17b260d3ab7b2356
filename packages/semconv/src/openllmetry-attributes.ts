/**
 * OpenLLMetry / Traceloop attributes (traceloop/openllmetry `opentelemetry-semantic-conventions-ai`
 * and the JS `@traceloop/ai-semantic-conventions`), as far as the collector maps them. Its LLM
 * spans also carry the GenAI keys of the time (`gen_ai.system`, `gen_ai.usage.prompt_tokens`, …).
 */
export const OPENLLMETRY_ATTRIBUTES = {
  spanKind: 'traceloop.span.kind',
  workflowName: 'traceloop.workflow.name',
  entityName: 'traceloop.entity.name',
  entityInput: 'traceloop.entity.input',
  entityOutput: 'traceloop.entity.output',
  /** User-chosen names follow the prefix, e.g. `traceloop.association.properties.session_id`. */
  associationPropertiesPrefix: 'traceloop.association.properties.',
  promptKey: 'traceloop.prompt.key',
  promptVersion: 'traceloop.prompt.version',

  llmRequestType: 'llm.request.type',
  llmUsageTotalTokens: 'llm.usage.total_tokens',
  llmUser: 'llm.user',
  llmTopK: 'llm.top_k',
  llmFrequencyPenalty: 'llm.frequency_penalty',
  llmPresencePenalty: 'llm.presence_penalty',
  llmChatStopSequences: 'llm.chat.stop_sequences',
  llmResponseFinishReason: 'llm.response.finish_reason',
  /** Cache usage under its pre-standard underscore names. */
  usageCacheReadInputTokens: 'gen_ai.usage.cache_read_input_tokens',
  usageCacheCreationInputTokens: 'gen_ai.usage.cache_creation_input_tokens',

  /** Legacy indexed content: `gen_ai.prompt.{i}.role`, `gen_ai.completion.{i}.content`, … */
  promptPrefix: 'gen_ai.prompt.',
  completionPrefix: 'gen_ai.completion.',
  roleSuffix: '.role',
  contentSuffix: '.content',
  finishReasonSuffix: '.finish_reason',

  /** Vector-database spans. */
  vectorQueryTopK: 'db.vector.query.top_k',
  vectorTableName: 'db.vector.table_name',
  pineconeQueryTopK: 'pinecone.query.top_k',
  chromaQueryResults: 'db.chroma.query.n_results',
  /** One `db.query.result` span event per returned match. */
  queryResultEvent: 'db.query.result',
  queryResultId: 'db.query.result.id',
  queryResultScore: 'db.query.result.score',
} as const;
