import type { ChatMessage, ChatToolCall, GenerateSpan } from '@ragtrace/sdk';
import { ATTR_RAGTRACE_USAGE_ESTIMATED } from '@ragtrace/semconv';
import { parsedArguments } from './chat-messages.js';
import { chatUsageOf } from './chat-usage.js';
import type { ChatCompletionChunk, FailureReporter, ToolCallDelta } from './internal-types.js';
import { estimateTokens } from './token-estimate.js';

export interface ChatStreamRecording {
  /**
   * Characters of text the request sent, when the stream will carry no usage: the span then gets
   * estimated counts. Undefined when the provider reports usage.
   */
  readonly estimateFromInputCharacters: number | undefined;
  /** The instrumentation asked for usage itself: keep the usage-only chunk and `usage: null` from the app. */
  readonly hideUsage: boolean;
}

interface ToolCallSoFar {
  id: string;
  name: string;
  argumentsText: string;
}

interface ChoiceSoFar {
  text: string;
  finishReason?: string;
  readonly toolCalls: Map<number, ToolCallSoFar>;
}

/**
 * The first choice's message as the stream has built it so far. The SDK serializes output when
 * the span ends (and only if content is captured), so the getters run once, on everything read by
 * then. Prototype getters: made for every streamed call, it must be cheap to create.
 */
class LiveChatMessage implements ChatMessage {
  readonly role = 'assistant';
  private readonly choice: ChoiceSoFar;

  constructor(choice: ChoiceSoFar) {
    this.choice = choice;
  }

  get content(): string | undefined {
    return this.choice.text === '' ? undefined : this.choice.text;
  }

  get toolCalls(): ChatToolCall[] | undefined {
    if (this.choice.toolCalls.size === 0) return undefined;
    return [...this.choice.toolCalls.values()].map((call) => ({
      id: call.id,
      name: call.name,
      arguments: parsedArguments(call.argumentsText),
    }));
  }
}

/**
 * Builds the span of a streamed chat completion from its chunks as the app reads them: response
 * id/model, finish reasons, usage (reported or estimated) and the first choice's message. It
 * records as it goes, so an abandoned stream still leaves what was read on the span.
 */
export class ChatStreamRecorder {
  private readonly span: GenerateSpan;
  private readonly recording: ChatStreamRecording;
  private readonly report: FailureReporter;
  private readonly choices = new Map<number, ChoiceSoFar>();
  private responseRecorded = false;
  private outputCharacters = 0;

  constructor(span: GenerateSpan, recording: ChatStreamRecording, report: FailureReporter) {
    this.span = span;
    this.recording = recording;
    this.report = report;
    const inputCharacters = recording.estimateFromInputCharacters;
    if (inputCharacters !== undefined) {
      span.span.setAttribute(ATTR_RAGTRACE_USAGE_ESTIMATED, true);
      span.setUsage({ inputTokens: estimateTokens(inputCharacters), outputTokens: 0 });
    }
  }

  /** The stream's chunk observer: records the chunk, and says whether the app gets to see it. */
  readonly observe = (value: unknown): boolean => {
    const chunk = value as ChatCompletionChunk;
    try {
      this.record(chunk);
    } catch (error) {
      this.report('recording a stream chunk', error);
    }
    if (!this.recording.hideUsage) return true;
    try {
      return this.hideAddedUsage(chunk);
    } catch (error) {
      this.report('hiding the usage the instrumentation asked for', error);
      return true;
    }
  };

  /** Undoes what `include_usage` adds: `usage: null` on each chunk, and the usage-only last chunk. */
  private hideAddedUsage(chunk: ChatCompletionChunk): boolean {
    if (chunk.usage === null) delete chunk.usage;
    return !(chunk.usage !== undefined && chunk.choices?.length === 0);
  }

  private record(chunk: ChatCompletionChunk): void {
    if (!this.responseRecorded && (chunk.id !== undefined || chunk.model !== undefined)) {
      this.responseRecorded = true;
      this.span.setResponse({ id: chunk.id, model: chunk.model });
    }
    if (chunk.usage) this.span.setUsage(chatUsageOf(chunk.usage));
    let finished = false;
    for (const choice of chunk.choices ?? []) {
      const soFar = this.choice(choice.index ?? 0);
      const text = choice.delta?.content;
      if (typeof text === 'string') {
        soFar.text += text;
        this.outputCharacters += text.length;
      }
      for (const delta of choice.delta?.tool_calls ?? []) this.addToolCallDelta(soFar, delta);
      if (typeof choice.finish_reason === 'string') {
        soFar.finishReason = choice.finish_reason;
        finished = true;
      }
    }
    if (finished) this.span.setResponse({ finishReasons: this.finishReasons() });
    if (this.recording.estimateFromInputCharacters !== undefined) {
      this.span.setUsage({ outputTokens: estimateTokens(this.outputCharacters) });
    }
  }

  private choice(index: number): ChoiceSoFar {
    let choice = this.choices.get(index);
    if (choice === undefined) {
      choice = { text: '', toolCalls: new Map() };
      this.choices.set(index, choice);
      if (index === 0) this.span.setOutput(new LiveChatMessage(choice));
    }
    return choice;
  }

  private addToolCallDelta(choice: ChoiceSoFar, delta: ToolCallDelta): void {
    const index = delta.index ?? 0;
    let call = choice.toolCalls.get(index);
    if (call === undefined) {
      call = { id: '', name: '', argumentsText: '' };
      choice.toolCalls.set(index, call);
    }
    if (delta.id !== undefined) call.id = delta.id;
    if (delta.function?.name !== undefined) call.name += delta.function.name;
    const argumentsText = delta.function?.arguments;
    if (argumentsText !== undefined) {
      call.argumentsText += argumentsText;
      this.outputCharacters += argumentsText.length;
    }
  }

  private finishReasons(): string[] {
    return [...this.choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, choice]) => choice.finishReason)
      .filter((reason) => reason !== undefined);
  }
}
