import { isWrapped } from '@opentelemetry/instrumentation';
import { startOpenAIMockServer } from '@ragtrace/instrumentation-test-kit';
import type { LoopbackServer } from '@ragtrace/instrumentation-test-kit';
import { OpenAIInstrumentation } from '@ragtrace/instrumentation-openai';
import { setupMemoryTracing } from '@ragtrace/sdk/testing';
import type { MemoryTracing } from '@ragtrace/sdk/testing';
import type * as ChatModelsV0 from 'langchain-core-v0/language_models/chat_models';
import type * as MessagesV0 from 'langchain-core-v0/messages';
import type * as OutputsV0 from 'langchain-core-v0/outputs';
import type * as RunnablesV0 from 'langchain-core-v0/runnables';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, afterEach, before, describe } from 'node:test';
import { LangChainInstrumentation } from './langchain-instrumentation.js';
import {
  IN_THREAD,
  QUESTION,
  itRecordsOneGenerateSpanPerModelCall,
} from './test-support/one-generate-span-suite.js';

// @langchain/openai 1.x needs core 1.x, so for 0.3 a chat model of its own is built the way
// @langchain/openai is: a BaseChatModel subclass whose _generate and _streamResponseChunks call
// the real openai client. The 0.3 copy sits under an npm alias, so the app instruments it by hand.
const require = createRequire(import.meta.url);
const langchain = new LangChainInstrumentation({ enabled: false });
const openai = new OpenAIInstrumentation();

interface OpenAIMessage {
  readonly role: string;
  readonly content: string;
}
interface Completion {
  readonly choices: readonly { readonly message: { readonly content: string | null } }[];
  readonly usage?: {
    readonly prompt_tokens: number;
    readonly completion_tokens: number;
    readonly total_tokens: number;
  };
}
interface CompletionChunk {
  readonly choices: readonly { readonly delta: { readonly content?: string | null } }[];
}
interface OpenAIClient {
  chat: {
    completions: {
      create(params: { model: string; messages: OpenAIMessage[] }): Promise<Completion>;
      create(params: {
        model: string;
        messages: OpenAIMessage[];
        stream: true;
      }): Promise<AsyncIterable<CompletionChunk>>;
    };
  };
}
type OpenAIClientClass = new (options: object) => OpenAIClient;

const MODEL = 'gpt-4o-mini';

const ROLES: Record<string, string> = { human: 'user', ai: 'assistant', system: 'system' };

function openAIMessagesOf(messages: readonly MessagesV0.BaseMessage[]): OpenAIMessage[] {
  return messages.map((message) => ({
    role: ROLES[message._getType()] ?? 'user',
    content: typeof message.content === 'string' ? message.content : JSON.stringify(message.content),
  }));
}

describe('LangChain 0.3 on an openai-backed chat model with the openai instrumentation enabled too', () => {
  let tracing: MemoryTracing;
  let mock: LoopbackServer;
  let runnables: typeof RunnablesV0;
  let chatModel: () => ChatModelsV0.BaseChatModel;
  let directChat: () => Promise<unknown>;

  before(async () => {
    tracing = setupMemoryTracing({ captureContent: false });
    mock = await startOpenAIMockServer();
    const chatModels = require('langchain-core-v0/language_models/chat_models') as typeof ChatModelsV0;
    const messages = require('langchain-core-v0/messages') as typeof MessagesV0;
    const outputs = require('langchain-core-v0/outputs') as typeof OutputsV0;
    runnables = require('langchain-core-v0/runnables') as typeof RunnablesV0;
    const OpenAI = createRequire(require.resolve('@langchain/openai'))('openai') as OpenAIClientClass;
    const client = new OpenAI({ apiKey: 'x', baseURL: `${mock.url}/v1` });

    const managerModule = require('langchain-core-v0/callbacks/manager') as unknown;
    const llmsModule = require('langchain-core-v0/language_models/llms') as unknown;
    langchain.manuallyInstrument(managerModule, chatModels, llmsModule);
    // A second call re-wraps rather than stacking a second wrapper.
    langchain.manuallyInstrument(managerModule, chatModels, llmsModule);
    const generateUncached = chatModels.BaseChatModel.prototype._generateUncached as unknown as {
      __original?: unknown;
    };
    assert.ok(isWrapped(generateUncached));
    assert.equal(isWrapped(generateUncached.__original), false);

    class OpenAIBackedChatModel extends chatModels.BaseChatModel {
      _llmType(): string {
        return 'openai-backed';
      }

      override getLsParams(): ChatModelsV0.LangSmithParams {
        return { ls_provider: 'openai', ls_model_name: MODEL, ls_model_type: 'chat' };
      }

      async _generate(input: MessagesV0.BaseMessage[]): Promise<OutputsV0.ChatResult> {
        const completion = await client.chat.completions.create({
          model: MODEL,
          messages: openAIMessagesOf(input),
        });
        const text = completion.choices[0]?.message.content ?? '';
        const usage = completion.usage;
        const message = new messages.AIMessage({
          content: text,
          usage_metadata: usage && {
            input_tokens: usage.prompt_tokens,
            output_tokens: usage.completion_tokens,
            total_tokens: usage.total_tokens,
          },
        });
        return { generations: [{ text, message }] };
      }

      override async *_streamResponseChunks(
        input: MessagesV0.BaseMessage[],
      ): AsyncGenerator<OutputsV0.ChatGenerationChunk> {
        const stream = await client.chat.completions.create({
          model: MODEL,
          messages: openAIMessagesOf(input),
          stream: true,
        });
        for await (const chunk of stream) {
          const text = chunk.choices[0]?.delta.content ?? '';
          yield new outputs.ChatGenerationChunk({
            text,
            message: new messages.AIMessageChunk({ content: text }),
          });
        }
      }
    }
    chatModel = () => new OpenAIBackedChatModel({});
    directChat = () =>
      client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: QUESTION }] });
  });
  afterEach(() => tracing.reset());
  after(async () => {
    openai.disable();
    await mock.close();
    await tracing.shutdown();
  });

  itRecordsOneGenerateSpanPerModelCall({
    tracing: () => tracing,
    chatModel: () => chatModel(),
    runChain: () => {
      const model = chatModel();
      return runnables.RunnableLambda.from(
        async (question: string, config?: RunnablesV0.RunnableConfig) =>
          (await model.invoke(question, config)).content,
      ).invoke(QUESTION, IN_THREAD);
    },
    directChat: () => directChat(),
  });
});
