/**
 * The parts of @langchain/core's callback arguments this instrumentation reads, written out so
 * the package compiles against no particular LangChain version. Every field is optional where
 * some version or some integration might lack it: the mappers must not assume more than they check.
 */

/** What `Runnable.toJSON()` gives the callbacks as the run's `serialized` argument. */
export interface SerializedRunnable {
  readonly id?: readonly string[];
  readonly name?: string;
}

export interface LangChainToolCall {
  readonly id?: string;
  readonly name?: string;
  readonly args?: unknown;
}

export interface LangChainUsageMetadata {
  readonly input_tokens?: number;
  readonly output_tokens?: number;
  readonly input_token_details?: { readonly cache_read?: number; readonly cache_creation?: number };
  readonly output_token_details?: { readonly reasoning?: number };
}

/** A BaseMessage (0.3) or its 1.x successor; `_getType()` exists in both, `type` only in some. */
export interface LangChainMessage {
  readonly type?: string;
  _getType?(): string;
  readonly content?: unknown;
  readonly id?: string;
  readonly tool_calls?: readonly LangChainToolCall[];
  readonly tool_call_id?: string;
  readonly usage_metadata?: LangChainUsageMetadata;
  readonly response_metadata?: Record<string, unknown>;
}

export interface LangChainGeneration {
  readonly text?: string;
  readonly message?: LangChainMessage;
  readonly generationInfo?: Record<string, unknown>;
}

export interface LangChainTokenUsage {
  readonly promptTokens?: number;
  readonly completionTokens?: number;
}

export interface LangChainLLMResult {
  readonly generations?: readonly (readonly LangChainGeneration[])[];
  readonly llmOutput?: { readonly tokenUsage?: LangChainTokenUsage; readonly [key: string]: unknown };
}

export interface LangChainDocument {
  readonly id?: string;
  readonly pageContent?: string;
  readonly metadata?: Record<string, unknown>;
}

/** `extraParams` of handleChatModelStart/handleLLMStart. */
export interface LangChainModelExtraParams {
  readonly invocation_params?: Record<string, unknown>;
}

/** The `CallbackManager` class of `@langchain/core/callbacks/manager`, as far as the patch uses it. */
export interface CallbackManagerLike {
  readonly handlers: readonly { readonly name?: string }[];
  addHandler(handler: unknown, inherit?: boolean): void;
}

export type ConfigureMethod = (this: unknown, ...args: unknown[]) => CallbackManagerLike | undefined;

export interface CallbackManagerClass {
  _configureSync: ConfigureMethod;
}

export interface CallbackManagerModuleExports {
  readonly CallbackManager?: CallbackManagerClass;
}

type ModelMethod<Result> = (this: unknown, ...args: unknown[]) => Result;

/** The methods of `BaseChatModel` and `BaseLLM` (0.3 and 1.x) that every model call goes through. */
export interface LanguageModelPrototype {
  _generateUncached: ModelMethod<unknown>;
  _streamIterator: ModelMethod<AsyncGenerator<unknown>>;
}

/** `@langchain/core/language_models/chat_models` and `…/llms`: each exports one of the two. */
export interface LanguageModelModuleExports {
  readonly BaseChatModel?: { readonly prototype: Partial<LanguageModelPrototype> };
  readonly BaseLLM?: { readonly prototype: Partial<LanguageModelPrototype> };
}
