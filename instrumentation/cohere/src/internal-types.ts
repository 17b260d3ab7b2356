import type { StartedStage } from '@ragtrace/sdk';

/**
 * The parts of cohere-ai's request and response types this instrumentation reads (as the SDK
 * hands them over: camelCase, already deserialized), written out so the package compiles against
 * no particular SDK version. Fields are optional wherever a version or a response might lack them.
 */

export interface CohereContentItem {
  readonly type?: string;
  readonly text?: string;
}

export type CohereContent = string | readonly CohereContentItem[];

export interface CohereBilledUnits {
  readonly inputTokens?: number;
  readonly outputTokens?: number;
}

/** `usage` in v2 responses, `meta` in v1 responses: billed units and raw token counts. */
export interface CohereUsage {
  readonly billedUnits?: CohereBilledUnits;
  readonly tokens?: CohereBilledUnits;
}

/** v1 `chat` / `chatStream` request (`CohereClient`). */
export interface CohereV1ChatRequest {
  readonly model?: string;
  readonly message?: string;
  readonly preamble?: string;
  readonly chatHistory?: readonly { readonly role?: string; readonly message?: string }[];
  readonly temperature?: number;
  readonly maxTokens?: number;
  readonly p?: number;
  readonly k?: number;
  readonly stopSequences?: readonly string[];
  readonly seed?: number;
  readonly frequencyPenalty?: number;
  readonly presencePenalty?: number;
}

export interface CohereV1ChatResponse {
  readonly text?: string;
  readonly responseId?: string;
  readonly generationId?: string;
  readonly finishReason?: string;
  readonly meta?: CohereUsage;
}

/** One event of a v1 `chatStream` (newline-delimited JSON). */
export interface CohereV1StreamEvent {
  readonly eventType?: string;
  readonly generationId?: string;
  readonly text?: string;
  readonly finishReason?: string;
  readonly response?: CohereV1ChatResponse;
}

/** A v2 tool call; its `arguments` are JSON text, and arrive in pieces in a stream. */
export interface CohereToolCall {
  readonly id?: string;
  readonly function?: { readonly name?: string; readonly arguments?: string };
}

/** v2 `chat` / `chatStream` request (`CohereClientV2`). */
export interface CohereV2ChatRequest {
  readonly model?: string;
  readonly messages?: readonly {
    readonly role?: string;
    readonly content?: CohereContent;
    readonly toolCallId?: string;
    readonly toolCalls?: readonly CohereToolCall[];
  }[];
  readonly temperature?: number;
  readonly maxTokens?: number;
  readonly p?: number;
  readonly k?: number;
  readonly stopSequences?: readonly string[];
  readonly seed?: number;
  readonly frequencyPenalty?: number;
  readonly presencePenalty?: number;
}

export interface CohereV2ChatResponse {
  readonly id?: string;
  readonly finishReason?: string;
  readonly message?: {
    readonly content?: readonly CohereContentItem[];
    readonly toolCalls?: readonly CohereToolCall[];
  };
  readonly usage?: CohereUsage;
}

/** One event of a v2 `chatStream` (SSE). */
export interface CohereV2StreamEvent {
  readonly type?: string;
  readonly id?: string;
  readonly delta?: {
    readonly message?: { readonly content?: { readonly text?: string }; readonly toolCalls?: CohereToolCall };
    readonly finishReason?: string;
    readonly usage?: CohereUsage;
  };
}

export interface CohereEmbedRequest {
  readonly model?: string;
  readonly texts?: readonly string[];
  readonly images?: readonly string[];
  readonly inputs?: readonly unknown[];
  readonly outputDimension?: number;
}

export interface CohereEmbedResponse {
  readonly id?: string;
  readonly meta?: CohereUsage;
}

/** v1 takes strings or objects (`{ text, … }`); v2 takes strings. */
export type CohereRerankDocument = string | { readonly text?: string };

export interface CohereRerankRequest {
  readonly model?: string;
  readonly query?: string;
  readonly documents?: readonly CohereRerankDocument[];
  readonly topN?: number;
}

export interface CohereRerankResponse {
  readonly id?: string;
  readonly results?: readonly { readonly index?: number; readonly relevanceScore?: number }[];
}

export type ClientMethod = (this: unknown, ...args: unknown[]) => unknown;

/** The methods both clients' classes have (v1 `CohereClient`, v2 `V2Client`). */
export interface CohereClientPrototype {
  chat: ClientMethod;
  chatStream: ClientMethod;
  embed: ClientMethod;
  rerank: ClientMethod;
}

export interface CohereModuleExports {
  readonly CohereClient?: (new (options: { token: string }) => { readonly v2?: object }) & {
    readonly prototype: CohereClientPrototype;
  };
}

/** A call whose stage has begun: `settle` records the resolved value and ends (or streams) the stage. */
export interface StartedCall {
  readonly stage: StartedStage<unknown>;
  readonly settle: (value: unknown) => void;
}

/** Begins the stage for one client method's call, from its request. */
export type CallStarter = (request: unknown, overrides: { captureContent?: boolean }) => StartedCall;
