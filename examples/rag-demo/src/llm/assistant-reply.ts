import type {
  ChatCompletion,
  ChatCompletionChunk,
  FinishReason,
  WireMessage,
  WireToolCall,
} from './wire-types.js';

/** What the application needs from one model turn, streamed or not. */
export interface AssistantReply {
  readonly content: string;
  readonly toolCalls: readonly WireToolCall[];
  readonly finishReason: FinishReason;
}

export function replyFromCompletion(completion: ChatCompletion): AssistantReply {
  const choice = completion.choices[0];
  return {
    content: choice?.message.content ?? '',
    toolCalls: choice?.message.tool_calls ?? [],
    finishReason: choice?.finish_reason ?? 'stop',
  };
}

/** Assembles a streamed turn: content deltas are concatenated, tool calls rebuilt by index. */
export class StreamedReply {
  private content = '';
  private readonly toolCalls: WireToolCall[] = [];
  private finishReason: FinishReason = 'stop';

  add(chunk: ChatCompletionChunk): void {
    for (const choice of chunk.choices) {
      this.content += choice.delta.content ?? '';
      for (const delta of choice.delta.tool_calls ?? []) {
        const call = (this.toolCalls[delta.index] ??= {
          id: '',
          type: 'function',
          function: { name: '', arguments: '' },
        });
        call.id = delta.id ?? call.id;
        call.function.name += delta.function?.name ?? '';
        call.function.arguments += delta.function?.arguments ?? '';
      }
      if (choice.finish_reason !== null) this.finishReason = choice.finish_reason;
    }
  }

  reply(): AssistantReply {
    return { content: this.content, toolCalls: this.toolCalls, finishReason: this.finishReason };
  }
}

/** The reply as the assistant message that goes back into the conversation. */
export function assistantMessage(reply: AssistantReply): WireMessage {
  return {
    role: 'assistant',
    content: reply.content === '' ? null : reply.content,
    ...(reply.toolCalls.length > 0 ? { tool_calls: [...reply.toolCalls] } : {}),
  };
}
