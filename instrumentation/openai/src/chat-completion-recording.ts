import type { GenerateSpan } from '@ragtrace/sdk';
import { chatMessageOf } from './chat-messages.js';
import { chatUsageOf } from './chat-usage.js';
import type { ChatCompletion } from './internal-types.js';

/** Records a (non-streamed) chat completion; the first choice is the recorded output. */
export function recordChatCompletion(span: GenerateSpan, completion: ChatCompletion): void {
  const choices = completion.choices ?? [];
  span.setResponse({
    id: completion.id,
    model: completion.model,
    finishReasons: choices
      .map((choice) => choice.finish_reason)
      .filter((reason) => typeof reason === 'string'),
  });
  if (completion.usage) span.setUsage(chatUsageOf(completion.usage));
  const message = choices[0]?.message;
  if (message !== undefined) span.setOutput(chatMessageOf({ ...message, role: message.role ?? 'assistant' }));
}
