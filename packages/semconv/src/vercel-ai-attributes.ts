/**
 * Vercel AI SDK telemetry attributes (ai-sdk.dev/docs/ai-sdk-core/telemetry, "Collected Data"),
 * including the renames of AI SDK 5 (`inputTokens`, `maxOutputTokens`, `toolCall.input`, …).
 */
export const VERCEL_AI_ATTRIBUTES = {
  operationId: 'ai.operationId',
  modelId: 'ai.model.id',
  modelProvider: 'ai.model.provider',
  functionId: 'ai.telemetry.functionId',
  /** User-chosen names follow the prefix, e.g. `ai.telemetry.metadata.sessionId`. */
  metadataPrefix: 'ai.telemetry.metadata.',

  settingsTemperature: 'ai.settings.temperature',
  settingsTopP: 'ai.settings.topP',
  settingsTopK: 'ai.settings.topK',
  settingsMaxTokens: 'ai.settings.maxTokens',
  settingsMaxOutputTokens: 'ai.settings.maxOutputTokens',
  settingsFrequencyPenalty: 'ai.settings.frequencyPenalty',
  settingsPresencePenalty: 'ai.settings.presencePenalty',
  settingsSeed: 'ai.settings.seed',
  settingsStopSequences: 'ai.settings.stopSequences',

  usagePromptTokens: 'ai.usage.promptTokens',
  usageCompletionTokens: 'ai.usage.completionTokens',
  usageInputTokens: 'ai.usage.inputTokens',
  usageOutputTokens: 'ai.usage.outputTokens',
  usageCachedInputTokens: 'ai.usage.cachedInputTokens',
  usageReasoningTokens: 'ai.usage.reasoningTokens',
  /** Embedding spans report one count. */
  usageTokens: 'ai.usage.tokens',

  prompt: 'ai.prompt',
  promptMessages: 'ai.prompt.messages',
  responseText: 'ai.response.text',
  responseObject: 'ai.response.object',
  responseToolCalls: 'ai.response.toolCalls',
  responseFinishReason: 'ai.response.finishReason',
  responseId: 'ai.response.id',
  responseModel: 'ai.response.model',
  responseMsToFirstChunk: 'ai.response.msToFirstChunk',
  /** AI SDK 3.x name of the time to first chunk. */
  streamMsToFirstChunk: 'ai.stream.msToFirstChunk',
  values: 'ai.values',

  toolCallName: 'ai.toolCall.name',
  toolCallId: 'ai.toolCall.id',
  toolCallArgs: 'ai.toolCall.args',
  toolCallResult: 'ai.toolCall.result',
  toolCallInput: 'ai.toolCall.input',
  toolCallOutput: 'ai.toolCall.output',
} as const;
