import type { GenerateSpan } from '@ragtrace/sdk';
import type { AnthropicContentBlock, AnthropicStreamEvent, AnthropicUsage } from './internal-types.js';
import { finishReasonsOf, outputMessageOf, tokenUsageOf } from './message-recording.js';

interface BlockInProgress {
  block: AnthropicContentBlock;
  /** A tool call's input arrives as JSON text in pieces (`input_json_delta`). */
  partialJson: string;
}

function parsedInput(partialJson: string): unknown {
  try {
    return JSON.parse(partialJson);
  } catch {
    // A stream cut short leaves incomplete JSON; the text is still what the model produced.
    return partialJson;
  }
}

function definedFields(usage: AnthropicUsage | undefined): AnthropicUsage {
  return Object.fromEntries(
    Object.entries(usage ?? {}).filter(([, value]) => value !== null && value !== undefined),
  );
}

/**
 * Rebuilds a streamed reply from its events, one recorder per call: usage from `message_start`
 * (input and cache tokens) and `message_delta` (output tokens, and in newer API versions updated
 * input counts), the stop reason, and the reply's text and tool calls for content capture.
 */
export class MessageStreamRecorder {
  private usage: AnthropicUsage = {};
  private readonly blocks: BlockInProgress[] = [];

  readonly onChunk = (event: AnthropicStreamEvent, span: GenerateSpan): void => {
    switch (event.type) {
      case 'message_start':
        span.setResponse({ id: event.message?.id, model: event.message?.model });
        this.addUsage(span, event.message?.usage);
        break;
      case 'content_block_start':
        if (event.index !== undefined && event.content_block !== undefined) {
          this.blocks[event.index] = { block: { ...event.content_block }, partialJson: '' };
        }
        break;
      case 'content_block_delta':
        this.addDelta(event);
        break;
      case 'content_block_stop':
        span.setOutput(outputMessageOf(this.completedBlocks()));
        break;
      case 'message_delta':
        span.setResponse({ finishReasons: finishReasonsOf(event.delta?.stop_reason) });
        this.addUsage(span, event.usage);
        break;
      default:
        break;
    }
  };

  private addUsage(span: GenerateSpan, usage: AnthropicUsage | undefined): void {
    this.usage = { ...this.usage, ...definedFields(usage) };
    span.setUsage(tokenUsageOf(this.usage));
  }

  private addDelta(event: AnthropicStreamEvent): void {
    const inProgress = event.index === undefined ? undefined : this.blocks[event.index];
    if (inProgress === undefined) return;
    if (event.delta?.type === 'text_delta') {
      inProgress.block = {
        ...inProgress.block,
        text: (inProgress.block.text ?? '') + (event.delta.text ?? ''),
      };
    } else if (event.delta?.type === 'input_json_delta') {
      inProgress.partialJson += event.delta.partial_json ?? '';
    }
  }

  private completedBlocks(): AnthropicContentBlock[] {
    return this.blocks.flatMap((inProgress) => {
      if (inProgress === undefined) return [];
      const { block, partialJson } = inProgress;
      return [partialJson === '' ? block : { ...block, input: parsedInput(partialJson) }];
    });
  }
}
