/** The subset of the OpenAI chat-completions wire format the demo and its mock server speak. */

export type FinishReason = 'stop' | 'length' | 'tool_calls';

export interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type WireMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: WireToolCall[] }
  | { role: 'tool'; content: string; tool_call_id: string };

export interface WireTool {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface ChatCompletionRequest {
  model: string;
  messages: WireMessage[];
  temperature?: number;
  max_tokens?: number;
  tools?: WireTool[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: {
    index: number;
    message: { role: 'assistant'; content: string | null; tool_calls?: WireToolCall[] };
    finish_reason: FinishReason;
  }[];
  usage: WireUsage;
}

export interface WireToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: {
    index: number;
    delta: { role?: 'assistant'; content?: string; tool_calls?: WireToolCallDelta[] };
    finish_reason: FinishReason | null;
  }[];
  /** Only on the final chunk, and only when the request asked for `stream_options.include_usage`. */
  usage?: WireUsage | null;
}
