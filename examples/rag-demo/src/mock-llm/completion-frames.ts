import type { ChatCompletion, ChatCompletionChunk, WireUsage } from '../llm/wire-types.js';
import type { MockReply } from './compose-reply.js';

export interface FrameIdentity {
  readonly id: string;
  readonly model: string;
  readonly created: number;
}

/** Words per streamed content chunk: small enough that answers arrive in several chunks. */
const WORDS_PER_CHUNK = 3;

function usageOf(reply: MockReply): WireUsage {
  return {
    prompt_tokens: reply.promptTokens,
    completion_tokens: reply.completionTokens,
    total_tokens: reply.promptTokens + reply.completionTokens,
  };
}

export function completionBody(identity: FrameIdentity, reply: MockReply): ChatCompletion {
  return {
    ...identity,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.content,
          ...(reply.toolCalls.length > 0 ? { tool_calls: [...reply.toolCalls] } : {}),
        },
        finish_reason: reply.finishReason,
      },
    ],
    usage: usageOf(reply),
  };
}

function contentPieces(content: string): string[] {
  const words = content.split(' ');
  const pieces: string[] = [];
  for (let start = 0; start < words.length; start += WORDS_PER_CHUNK) {
    const piece = words.slice(start, start + WORDS_PER_CHUNK).join(' ');
    pieces.push(start === 0 ? piece : ` ${piece}`);
  }
  return pieces;
}

/**
 * The chunks of a streamed reply, as OpenAI sends them: a role delta, the content (or tool call)
 * deltas, a delta with the finish reason, then, if asked for, a usage chunk with no choices.
 */
export function streamChunks(
  identity: FrameIdentity,
  reply: MockReply,
  includeUsage: boolean,
): ChatCompletionChunk[] {
  const chunk = (
    delta: ChatCompletionChunk['choices'][number]['delta'],
    finishReason: ChatCompletionChunk['choices'][number]['finish_reason'] = null,
  ): ChatCompletionChunk => ({
    ...identity,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
  const chunks = [chunk({ role: 'assistant', content: '' })];
  for (const piece of reply.content === null ? [] : contentPieces(reply.content))
    chunks.push(chunk({ content: piece }));
  reply.toolCalls.forEach((call, index) =>
    chunks.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: call.function }] })),
  );
  chunks.push(chunk({}, reply.finishReason));
  if (includeUsage)
    chunks.push({ ...identity, object: 'chat.completion.chunk', choices: [], usage: usageOf(reply) });
  return chunks;
}
