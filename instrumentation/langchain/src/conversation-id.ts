import { asString } from './read-values.js';

/**
 * LangGraph puts the thread of a checkpointed conversation in every run's metadata as
 * `thread_id`; `conversation_id` is the name apps that pass their own metadata tend to use.
 */
export function conversationIdOf(metadata: Record<string, unknown> | undefined): string | undefined {
  return asString(metadata?.thread_id) ?? asString(metadata?.conversation_id);
}
