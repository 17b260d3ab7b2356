import { generate } from '@ragtrace/sdk';
import type { GenerateOptions, GenerateSpan } from '@ragtrace/sdk';
import { assistantMessage, replyFromCompletion, StreamedReply } from '../llm/assistant-reply.js';
import type { AssistantReply } from '../llm/assistant-reply.js';
import type { ChatCompletionsClient } from '../llm/chat-completions-client.js';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  WireMessage,
  WireTool,
} from '../llm/wire-types.js';
import type { RagConfiguration } from '../types.js';
import { toSdkMessage } from './sdk-messages.js';

/** The mock server speaks OpenAI's API, so the spans say so, as they would for any compatible endpoint. */
const PROVIDER = 'openai';

export interface ChatTurn {
  readonly configuration: RagConfiguration;
  readonly llm: ChatCompletionsClient;
  readonly messages: readonly WireMessage[];
  readonly tools?: readonly WireTool[];
  readonly stream: boolean;
}

function recordCompletion(span: GenerateSpan, completion: ChatCompletion): void {
  span.setUsage({
    inputTokens: completion.usage.prompt_tokens,
    outputTokens: completion.usage.completion_tokens,
  });
  span.setResponse({
    id: completion.id,
    model: completion.model,
    finishReasons: completion.choices.map((choice) => choice.finish_reason),
  });
}

/** Per-chunk facts for the span: the response identity, the finish reason and, last, the usage. */
function recordChunk(chunk: ChatCompletionChunk, span: GenerateSpan): void {
  const finishReasons = chunk.choices.flatMap((choice) =>
    choice.finish_reason === null ? [] : [choice.finish_reason],
  );
  if (finishReasons.length > 0) span.setResponse({ id: chunk.id, model: chunk.model, finishReasons });
  if (chunk.usage)
    span.setUsage({ inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens });
}

/** One model call inside a `chat {model}` span, streamed or not. */
export async function chatTurn(turn: ChatTurn): Promise<AssistantReply> {
  const { configuration, llm } = turn;
  const { model, temperature, maxTokens } = configuration.generation;
  const options: GenerateOptions<ChatCompletionChunk> = {
    model,
    provider: PROVIDER,
    temperature,
    maxTokens,
    prompt: { name: configuration.prompt.name, version: configuration.prompt.version },
    messages: turn.messages.map(toSdkMessage),
  };
  const request: ChatCompletionRequest = {
    model,
    temperature,
    max_tokens: maxTokens,
    messages: [...turn.messages],
    ...(turn.tools === undefined ? {} : { tools: [...turn.tools] }),
  };

  if (!turn.stream) {
    return generate(options, async (span) => {
      const completion = await llm.create(request);
      recordCompletion(span, completion);
      const reply = replyFromCompletion(completion);
      span.setOutput(toSdkMessage(assistantMessage(reply)));
      return reply;
    });
  }

  // The app consumes the stream; onChunk lets the span pick up what only the chunks say (usage
  // arrives in the last one). The answer itself is recorded, when capture is on, by the workflow.
  const stream = await generate({ ...options, onChunk: recordChunk }, () => llm.stream(request));
  const reply = new StreamedReply();
  for await (const chunk of stream) reply.add(chunk);
  return reply.reply();
}
