/**
 * The parts of @anthropic-ai/sdk's wire types this instrumentation reads, written out so the
 * package compiles against no particular SDK version. Every field is optional where some
 * version or some response might lack it: the mappers must not assume more than they check.
 */

export interface AnthropicContentBlock {
  readonly type?: string;
  readonly text?: string;
  readonly id?: string;
  readonly name?: string;
  readonly input?: unknown;
  readonly tool_use_id?: string;
  readonly content?: string | readonly AnthropicContentBlock[];
}

export interface AnthropicMessageParam {
  readonly role?: string;
  readonly content?: string | readonly AnthropicContentBlock[];
}

export interface AnthropicCreateParams {
  readonly model?: string;
  readonly messages?: readonly AnthropicMessageParam[];
  readonly system?: string | readonly AnthropicContentBlock[];
  readonly max_tokens?: number;
  readonly temperature?: number;
  readonly top_p?: number;
  readonly top_k?: number;
  readonly stop_sequences?: readonly string[];
  readonly stream?: boolean;
}

/** Usage as a response or stream event reports it; the cache fields are null when unused. */
export interface AnthropicUsage {
  readonly input_tokens?: number | null;
  readonly output_tokens?: number | null;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
}

export interface AnthropicMessage {
  readonly id?: string;
  readonly model?: string;
  readonly content?: readonly AnthropicContentBlock[];
  readonly stop_reason?: string | null;
  readonly usage?: AnthropicUsage;
}

/** One event of a `stream: true` response (`RawMessageStreamEvent`). */
export interface AnthropicStreamEvent {
  readonly type?: string;
  readonly index?: number;
  readonly message?: AnthropicMessage;
  readonly content_block?: AnthropicContentBlock;
  readonly delta?: {
    readonly type?: string;
    readonly text?: string;
    readonly partial_json?: string;
    readonly stop_reason?: string | null;
  };
  readonly usage?: AnthropicUsage;
}

export type CreateMethod = (this: unknown, ...args: unknown[]) => unknown;

/** `Messages.prototype`: the resource class behind `client.messages`. */
export interface MessagesPrototype {
  create: CreateMethod;
}

/**
 * What the package's main module exports, across majors: 0.x exports the client class itself
 * (with `Messages` as a static), 1.x a callable whose `Anthropic` and `default` are the client.
 */
export interface AnthropicModuleExports {
  readonly Messages?: { readonly prototype: MessagesPrototype };
  readonly Anthropic?: { readonly Messages?: { readonly prototype: MessagesPrototype } };
  readonly default?: { readonly Messages?: { readonly prototype: MessagesPrototype } };
}
