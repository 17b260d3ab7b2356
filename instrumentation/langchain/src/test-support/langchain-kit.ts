import type * as Documents from '@langchain/core/documents';
import type * as ChatModels from '@langchain/core/language_models/chat_models';
import type * as Messages from '@langchain/core/messages';
import type * as OutputParsers from '@langchain/core/output_parsers';
import type * as Prompts from '@langchain/core/prompts';
import type * as Runnables from '@langchain/core/runnables';
import type * as Tools from '@langchain/core/tools';
import type * as Testing from '@langchain/core/utils/testing';
import type { BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import type { RunnableConfig } from '@langchain/core/runnables';

/**
 * The @langchain/core modules the tests use, from one copy of the library. Typed by the newest
 * major; the 0.3 copy has the same surface for everything used here.
 */
export interface LangChainKit {
  readonly documents: typeof Documents;
  readonly chatModels: typeof ChatModels;
  readonly messages: typeof Messages;
  readonly outputParsers: typeof OutputParsers;
  readonly prompts: typeof Prompts;
  readonly runnables: typeof Runnables;
  readonly tools: typeof Tools;
  readonly testing: typeof Testing;
}

export const SCRIPTED_MODEL = 'scripted-model';
export const SCRIPTED_RESPONSE_MODEL = 'scripted-model-2026-01';

/**
 * A chat model that answers like a provider integration does: `ls_*` metadata, usage with cache
 * reads, the provider's response model, id and finish reason. The fake models of
 * `@langchain/core/utils/testing` report none of these.
 */
export function scriptedChatModel(kit: LangChainKit, reply: string): ChatModels.BaseChatModel {
  const { AIMessage } = kit.messages;
  class ScriptedChatModel extends kit.chatModels.BaseChatModel {
    _llmType(): string {
      return 'scripted';
    }

    override getLsParams(): ChatModels.LangSmithParams {
      return {
        ls_provider: 'scripted',
        ls_model_name: SCRIPTED_MODEL,
        ls_model_type: 'chat',
        ls_temperature: 0.2,
        ls_max_tokens: 64,
        ls_stop: ['END'],
      };
    }

    async _generate(_messages: BaseMessage[]): Promise<ChatResult> {
      const message = new AIMessage({
        content: reply,
        id: 'resp-1',
        usage_metadata: {
          input_tokens: 12,
          output_tokens: 5,
          total_tokens: 17,
          input_token_details: { cache_read: 4 },
        },
        response_metadata: { model_name: SCRIPTED_RESPONSE_MODEL, finish_reason: 'stop' },
      });
      return { generations: [{ text: reply, message }] };
    }
  }
  return new ScriptedChatModel({});
}

export class OrderNotFoundError extends Error {
  override readonly name = 'OrderNotFoundError';
}

/**
 * What the tests call on a `tool()`: its JSON-schema overload is typed as a union of tool classes
 * whose `invoke` signatures TypeScript cannot unify.
 */
export interface InvokableTool {
  invoke(input: unknown, config?: RunnableConfig): Promise<unknown>;
}
