import type { ChatToolCall, GenerateSpan } from '@ragtrace/sdk';
import { contentText, parsedArguments } from './chat-messages.js';
import type { ResponseObject, ResponseOutputItem } from './internal-types.js';

/**
 * A Response has a status, not finish reasons; mapped onto chat's vocabulary so dashboards group
 * both APIs alike: `stop`, `tool_calls`, `length`, `content_filter`, else the status itself.
 */
const INCOMPLETE_REASONS: Readonly<Record<string, string>> = {
  max_output_tokens: 'length',
  content_filter: 'content_filter',
};

function finishReasonOf(response: ResponseObject, toolCalls: readonly ChatToolCall[]): string | undefined {
  if (response.status === 'completed') return toolCalls.length > 0 ? 'tool_calls' : 'stop';
  if (response.status === 'incomplete') {
    const reason = response.incomplete_details?.reason;
    return (reason === undefined ? undefined : INCOMPLETE_REASONS[reason]) ?? reason ?? response.status;
  }
  return response.status;
}

function toolCallsOf(output: readonly ResponseOutputItem[]): ChatToolCall[] {
  return output
    .filter((item) => item.type === 'function_call')
    .map((item) => ({
      id: item.call_id ?? '',
      name: item.name ?? '',
      arguments: parsedArguments(item.arguments),
    }));
}

function outputTextOf(output: readonly ResponseOutputItem[]): string {
  return output
    .filter((item) => item.type === 'message')
    .map((item) => contentText(item.content?.filter((part) => part.type === 'output_text')) ?? '')
    .join('');
}

/** Records a finished Response object: from `create` or from a stream's closing event. */
export function recordResponse(span: GenerateSpan, response: ResponseObject): void {
  const output = response.output ?? [];
  const toolCalls = toolCallsOf(output);
  const finishReason = finishReasonOf(response, toolCalls);
  span.setResponse({
    id: response.id,
    model: response.model,
    finishReasons: finishReason === undefined ? undefined : [finishReason],
  });
  const usage = response.usage;
  if (usage) {
    span.setUsage({
      inputTokens: usage.input_tokens,
      outputTokens: usage.output_tokens,
      cacheReadTokens: usage.input_tokens_details?.cached_tokens,
      reasoningTokens: usage.output_tokens_details?.reasoning_tokens,
    });
  }
  const text = outputTextOf(output);
  span.setOutput({
    role: 'assistant',
    content: text === '' ? undefined : text,
    toolCalls: toolCalls.length === 0 ? undefined : toolCalls,
  });
}
