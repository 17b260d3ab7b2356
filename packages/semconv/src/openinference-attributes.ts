/**
 * OpenInference semantic conventions (Arize: spec/semantic_conventions.md and the
 * @arizeai/openinference-semantic-conventions package), as far as the collector maps them.
 * List-valued facts are flattened by index: `{prefix}{i}{suffix}`.
 */
export const OPENINFERENCE_ATTRIBUTES = {
  spanKind: 'openinference.span.kind',
  inputValue: 'input.value',
  outputValue: 'output.value',

  llmModelName: 'llm.model_name',
  llmRequestModelName: 'llm.request.model_name',
  llmResponseModelName: 'llm.response.model_name',
  llmProvider: 'llm.provider',
  llmSystem: 'llm.system',
  llmInvocationParameters: 'llm.invocation_parameters',
  llmFinishReason: 'llm.finish_reason',
  llmTokenCountPrompt: 'llm.token_count.prompt',
  llmTokenCountCompletion: 'llm.token_count.completion',
  llmTokenCountCacheRead: 'llm.token_count.prompt_details.cache_read',
  llmTokenCountCacheWrite: 'llm.token_count.prompt_details.cache_write',
  llmTokenCountReasoning: 'llm.token_count.completion_details.reasoning',
  llmCostTotal: 'llm.cost.total',
  llmPromptTemplateVersion: 'llm.prompt_template.version',
  promptId: 'prompt.id',

  /** `llm.input_messages.{i}.message.*` and `llm.output_messages.{i}.message.*`. */
  llmInputMessagesPrefix: 'llm.input_messages.',
  llmOutputMessagesPrefix: 'llm.output_messages.',
  messageRoleSuffix: '.message.role',
  messageContentSuffix: '.message.content',
  messageToolCallIdSuffix: '.message.tool_call_id',
  /** `….message.contents.{j}.message_content.text` for messages sent as a list of parts. */
  messageContentsInfix: '.message.contents.',
  messageContentTextSuffix: '.message_content.text',
  /** `….message.tool_calls.{j}.tool_call.*` inside one message. */
  messageToolCallsInfix: '.message.tool_calls.',
  toolCallIdSuffix: '.tool_call.id',
  toolCallFunctionNameSuffix: '.tool_call.function.name',
  toolCallFunctionArgumentsSuffix: '.tool_call.function.arguments',

  embeddingModelName: 'embedding.model_name',
  /** `embedding.embeddings.{i}.embedding.text` / `.embedding.vector`. */
  embeddingEmbeddingsPrefix: 'embedding.embeddings.',
  embeddingTextSuffix: '.embedding.text',
  embeddingVectorSuffix: '.embedding.vector',

  /** `retrieval.documents.{i}.document.*`, and the reranker's input/output document lists. */
  retrievalDocumentsPrefix: 'retrieval.documents.',
  rerankerInputDocumentsPrefix: 'reranker.input_documents.',
  rerankerOutputDocumentsPrefix: 'reranker.output_documents.',
  documentIdSuffix: '.document.id',
  documentScoreSuffix: '.document.score',
  documentContentSuffix: '.document.content',

  rerankerModelName: 'reranker.model_name',
  rerankerTopK: 'reranker.top_k',
  rerankerQuery: 'reranker.query',

  toolName: 'tool.name',
  toolDescription: 'tool.description',
  toolId: 'tool.id',
  agentName: 'agent.name',
} as const;
