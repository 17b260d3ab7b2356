import { trace } from '@opentelemetry/api';
import type { Context, Span } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_RAGTRACE_STREAM_CHUNK_COUNT,
  ATTR_RAGTRACE_STREAM_OUTCOME,
  ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK,
  STREAM_OUTCOME,
} from '@ragtrace/semconv';
import type { StreamOutcome } from '@ragtrace/semconv';
import { writeContent } from '../content/write-content.js';
import { guarded } from '../diag-guard.js';
import type { ContentSettings, StageDefinition, StageSpanImpl } from '../internal-types.js';
import type { ModelResponse, ScoredDocument, TokenUsage } from '../types.js';
import { definedAttributes } from './defined-attributes.js';
import { recordFailure } from './record-failure.js';

/**
 * One helper call's span from start to end: what `fn` records through its handle, the result or
 * error, and the chunks of a stream. Every step is guarded, so a telemetry failure never reaches
 * the caller; ending is idempotent, so whichever of complete/throw/abandon comes first wins.
 */
export class StageRecording {
  readonly context: Context;
  readonly handle: StageSpanImpl;
  private readonly span: Span;
  private readonly definition: StageDefinition;
  private readonly settings: ContentSettings;
  private readonly startedAt = performance.now();
  private output: { readonly value: unknown } | undefined;
  private documentsRecorded = false;
  private finishReasons: readonly string[] | undefined;
  private chunkCount = 0;
  private ended = false;

  constructor(span: Span, definition: StageDefinition, settings: ContentSettings, parent: Context) {
    this.span = span;
    this.definition = definition;
    this.settings = settings;
    this.context = trace.setSpan(parent, span);
    for (const content of definition.inputContent) writeContent(span, definition.stage, settings, content);
    this.handle = {
      span,
      setUsage: (usage) => guarded('recording usage', () => this.recordUsage(usage)),
      setResponse: (response) => guarded('recording the response', () => this.recordResponse(response)),
      setDocuments: (documents) => guarded('recording documents', () => this.recordDocuments(documents)),
      setOutput: (output: unknown) => {
        this.output = { value: output };
      },
    };
  }

  succeed(result: unknown): void {
    guarded('recording the result', () => {
      const { extractDocuments, returnValueIsOutput } = this.definition;
      if (extractDocuments !== undefined && !this.documentsRecorded)
        this.recordDocuments(extractDocuments(result));
      if (returnValueIsOutput === true && this.output === undefined) this.output = { value: result };
    });
    this.end();
  }

  fail(error: unknown): void {
    guarded('recording an error', () => recordFailure(this.span, error));
    this.end();
  }

  chunk(chunk: unknown): void {
    guarded('recording a chunk', () => {
      this.chunkCount += 1;
      if (this.chunkCount === 1) {
        this.span.setAttribute(
          ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK,
          (performance.now() - this.startedAt) / 1000,
        );
      }
      this.definition.onChunk?.(chunk, this.handle);
    });
  }

  streamEnded(outcome: StreamOutcome, error?: unknown): void {
    if (this.ended) return;
    guarded('recording the stream outcome', () =>
      this.span.setAttributes({
        [ATTR_RAGTRACE_STREAM_CHUNK_COUNT]: this.chunkCount,
        [ATTR_RAGTRACE_STREAM_OUTCOME]: outcome,
      }),
    );
    if (outcome === STREAM_OUTCOME.error) this.fail(error);
    else this.end();
  }

  private recordUsage(usage: TokenUsage): void {
    this.span.setAttributes(
      definedAttributes({
        [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: usage.inputTokens,
        [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: usage.outputTokens,
        [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: usage.cacheReadTokens,
        [ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS]: usage.cacheCreationTokens,
        [ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]: usage.reasoningTokens,
      }),
    );
  }

  private recordResponse(response: ModelResponse): void {
    if (response.finishReasons !== undefined) this.finishReasons = response.finishReasons;
    this.span.setAttributes(
      definedAttributes({
        [ATTR_GEN_AI_RESPONSE_MODEL]: response.model,
        [ATTR_GEN_AI_RESPONSE_ID]: response.id,
        [ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: response.finishReasons && [...response.finishReasons],
      }),
    );
  }

  /** Ids and scores are not content and are always recorded; the documents' text is content. */
  private recordDocuments(documents: readonly ScoredDocument[]): void {
    const keys = this.definition.documents;
    if (keys === undefined) return;
    this.documentsRecorded = true;
    const scores = documents.map((document) => document.score);
    const allScored = scores.every((score): score is number => typeof score === 'number');
    this.span.setAttributes(
      definedAttributes({
        [keys.ids]: documents.map((document) => document.id),
        [keys.scores]: allScored ? scores : undefined,
        ...(keys.count === undefined ? {} : { [keys.count]: documents.length }),
      }),
    );
    writeContent(this.span, this.definition.stage, this.settings, {
      attribute: keys.content,
      kind: 'output',
      serialize: () =>
        documents.some((document) => document.content !== undefined)
          ? JSON.stringify(documents.map(({ id, score, content }) => ({ id, score, content })))
          : undefined,
    });
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    const { output: rule, stage } = this.definition;
    const output = this.output;
    if (rule !== undefined && output !== undefined) {
      writeContent(this.span, stage, this.settings, {
        attribute: rule.attribute,
        kind: 'output',
        serialize: () => rule.serialize(output.value, this.finishReasons),
      });
    }
    guarded('ending a span', () => this.span.end());
  }
}
