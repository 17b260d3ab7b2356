import type { Attributes } from '@opentelemetry/api';
import type { ChatMessage, GenerateOptions } from '@ragtrace/sdk';
import { contentText, parsedArguments } from './chat-messages.js';
import { given } from './chat-request.js';
import type { ResponseInputItem, ResponseParams } from './internal-types.js';
import { PROVIDER_NAME } from './provider.js';

/** Input items as chat messages; items that carry no conversation text (reasoning, files…) are left out. */
function inputMessageOf(item: ResponseInputItem): ChatMessage[] {
  if (item.type === 'function_call') {
    return [
      {
        role: 'assistant',
        toolCalls: [
          { id: item.call_id ?? '', name: item.name ?? '', arguments: parsedArguments(item.arguments) },
        ],
      },
    ];
  }
  if (item.type === 'function_call_output') {
    const output = typeof item.output === 'string' ? item.output : JSON.stringify(item.output);
    return [{ role: 'tool', toolCallId: item.call_id ?? '', content: output }];
  }
  if (item.role !== undefined) return [{ role: item.role, content: contentText(item.content) }];
  return [];
}

function inputMessagesOf(input: ResponseParams['input']): ChatMessage[] {
  if (input === undefined) return [];
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  return input.flatMap(inputMessageOf);
}

/** The generate stage of a Responses API request; `attributes` are the server's. */
export function responseGenerateOptions(params: ResponseParams, attributes: Attributes): GenerateOptions {
  return {
    model: params.model ?? '',
    provider: PROVIDER_NAME,
    temperature: given(params.temperature),
    topP: given(params.top_p),
    maxTokens: given(params.max_output_tokens),
    systemInstructions: given(params.instructions),
    messages: inputMessagesOf(params.input),
    attributes,
  };
}
