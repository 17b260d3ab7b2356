import type { StartedStage } from '@ragtrace/sdk';
import type { OpenAIInstrumentationConfig } from './types.js';

/**
 * The parts of the openai package the instrumentation reads, typed structurally so the package
 * needs no dependency on openai's own types (which differ between majors). Every field is
 * optional where some major, model or request leaves it out.
 */

export type CreateMethod = (this: unknown, ...args: unknown[]) => unknown;

export interface ResourcePrototype {
  create: CreateMethod;
}

export interface ResourceClass {
  readonly prototype: ResourcePrototype;
}

/** The client class: Stainless SDKs hang every resource class on it as a static property. */
export interface OpenAIClientClass {
  readonly Chat?: { readonly Completions?: ResourceClass };
  readonly Embeddings?: ResourceClass;
  readonly Responses?: ResourceClass;
}

/** `require('openai')`: 4.x exports the client class itself, later majors a module with `OpenAI`. */
export type OpenAIModuleExports = OpenAIClientClass & {
  readonly OpenAI?: OpenAIClientClass;
  readonly default?: OpenAIClientClass;
};

/** What `this` is inside `create`: a resource holding its client. */
export interface ResourceInstance {
  readonly _client?: { readonly baseURL?: unknown };
}

// ---- chat completions -------------------------------------------------------------------------

export interface ContentPartParam {
  readonly type?: string;
  readonly text?: string;
}

export interface ToolCallParam {
  readonly id?: string;
  readonly type?: string;
  readonly function?: { readonly name?: string; readonly arguments?: string };
}

export interface ChatMessageParam {
  readonly role?: string;
  readonly content?: string | readonly ContentPartParam[] | null;
  readonly tool_calls?: readonly ToolCallParam[];
  readonly tool_call_id?: string;
}

export interface ChatCompletionParams {
  readonly model?: string;
  readonly messages?: readonly ChatMessageParam[];
  readonly stream?: boolean | null;
  readonly stream_options?: { readonly include_usage?: boolean } | null;
  readonly temperature?: number | null;
  readonly top_p?: number | null;
  readonly max_tokens?: number | null;
  readonly max_completion_tokens?: number | null;
  readonly stop?: string | readonly string[] | null;
  readonly seed?: number | null;
  readonly frequency_penalty?: number | null;
  readonly presence_penalty?: number | null;
  readonly n?: number | null;
}

export interface ChatUsage {
  readonly prompt_tokens?: number;
  readonly completion_tokens?: number;
  readonly prompt_tokens_details?: { readonly cached_tokens?: number } | null;
  readonly completion_tokens_details?: { readonly reasoning_tokens?: number } | null;
}

export interface ChatCompletion {
  readonly id?: string;
  readonly model?: string;
  readonly choices?: readonly {
    readonly message?: ChatMessageParam;
    readonly finish_reason?: string | null;
  }[];
  readonly usage?: ChatUsage | null;
}

export interface ToolCallDelta {
  readonly index?: number;
  readonly id?: string;
  readonly function?: { readonly name?: string; readonly arguments?: string };
}

export interface ChatCompletionChunk {
  readonly id?: string;
  readonly model?: string;
  readonly choices?: readonly {
    readonly index?: number;
    readonly delta?: { readonly content?: string | null; readonly tool_calls?: readonly ToolCallDelta[] };
    readonly finish_reason?: string | null;
  }[];
  usage?: ChatUsage | null;
}

// ---- responses --------------------------------------------------------------------------------

export interface ResponseInputItem {
  readonly type?: string;
  readonly role?: string;
  readonly content?: string | readonly ContentPartParam[];
  readonly call_id?: string;
  readonly name?: string;
  readonly arguments?: string;
  readonly output?: unknown;
}

export interface ResponseParams {
  readonly model?: string;
  readonly input?: string | readonly ResponseInputItem[];
  readonly instructions?: string | null;
  readonly stream?: boolean | null;
  readonly temperature?: number | null;
  readonly top_p?: number | null;
  readonly max_output_tokens?: number | null;
}

export interface ResponseOutputItem {
  readonly type?: string;
  readonly content?: readonly ContentPartParam[];
  readonly call_id?: string;
  readonly name?: string;
  readonly arguments?: string;
}

export interface ResponseObject {
  readonly id?: string;
  readonly model?: string;
  readonly status?: string;
  readonly incomplete_details?: { readonly reason?: string } | null;
  readonly output?: readonly ResponseOutputItem[];
  readonly usage?: {
    readonly input_tokens?: number;
    readonly output_tokens?: number;
    readonly input_tokens_details?: { readonly cached_tokens?: number } | null;
    readonly output_tokens_details?: { readonly reasoning_tokens?: number } | null;
  } | null;
}

export interface ResponseStreamEvent {
  readonly type?: string;
  readonly response?: ResponseObject;
}

// ---- embeddings -------------------------------------------------------------------------------

export interface EmbeddingParams {
  readonly model?: string;
  readonly input?: string | readonly string[] | readonly number[] | readonly (readonly number[])[];
  readonly dimensions?: number;
  readonly encoding_format?: string;
}

export interface EmbeddingsResponse {
  readonly model?: string;
  readonly data?: readonly { readonly embedding?: readonly number[] | string }[];
  readonly usage?: { readonly prompt_tokens?: number } | null;
}

// ---- the instrumentation's own plumbing -------------------------------------------------------

/** Where the instrumentation's own failures go (its OTel diag logger), never to the app. */
export type FailureReporter = (activity: string, error: unknown) => void;

/** A call whose stage has begun, not yet made. */
export interface StartedCall {
  readonly stage: StartedStage<unknown>;
  /** What to call the library with: the app's arguments, unless the instrumentation adds to the request. */
  readonly args: readonly unknown[];
  /** Records the parsed result and ends the stage, or hands the stream it is to the stage. */
  readonly settle: (value: unknown) => void;
}

export interface CallSettings {
  readonly config: OpenAIInstrumentationConfig;
  readonly report: FailureReporter;
}

/** Begins the stage for one `create(...)` call; `resource` is `this` inside `create`. */
export type StartCall = (resource: unknown, args: readonly unknown[], settings: CallSettings) => StartedCall;
