import { trace } from '@opentelemetry/api';
import type { AttributeValue, Context, Span } from '@opentelemetry/api';
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
import type {
  FollowStreamOptions,
  ModelResponse,
  ScoredDocument,
  StartedStage,
  TokenUsage,
} from '../types.js';
import { definedAttributes } from './defined-attributes.js';
import { recordFailure } from './record-failure.js';
import { followStreamInPlace } from './traced-stream.js';

/**
 * One helper call's span from start to end: what `fn` records through its handle, the result or
 * error, and the chunks of a stream. Every step is guarded, so a telemetry failure never reaches
 * the caller; ending is idempotent, so whichever of complete/throw/abandon comes first wins.
 * It is itself the `StartedStage` the `begin*` forms return (one object per call, not a wrapper).
 */
export class StageRecording implements StartedStage<StageSpanImpl> {
  readonly context: Context;
  /** The handle `fn` (or an instrumentation) records through. */
  readonly span: StageSpanImpl;
  private readonly otelSpan: Span;
  private readonly definition: StageDefinition;
  private readonly settings: ContentSettings;
  private readonly startedAt = performance.now();
  private output: { readonly value: unknown } | undefined;
  private documentsRecorded = false;
  private finishReasons: readonly string[] | undefined;
  private chunkCount = 0;
  private ended = false;

  constructor(span: Span, definition: StageDefinition, settings: ContentSettings, parent: Context) {
    this.otelSpan = span;
    this.definition = definition;
    this.settings = settings;
    this.context = trace.setSpan(parent, span);
    for (const content of definition.inputContent) writeContent(span, definition.stage, settings, content);
    this.span = {
      span,
      setUsage: (usage) => guarded('recording usage', () => this.recordUsage(usage)),
      setResponse: (response) => guarded('recording the response', () => this.recordResponse(response)),
      setDocuments: (documents) => guarded('recording documents', () => this.recordDocuments(documents)),
      setOutput: (output: unknown) => {
        this.output = { value: output };
      },
    };
  }

  succeed(result?: unknown): void {
    guarded('recording the result', () => {
      const { extractDocuments, returnValueIsOutput } = this.definition;
      if (extractDocuments !== undefined && !this.documentsRecorded)
        this.recordDocuments(extractDocuments(result));
      if (returnValueIsOutput === true && this.output === undefined) this.output = { value: result };
    });
    this.end();
  }

  fail(error: unknown): void {
    guarded('recording an error', () => recordFailure(this.otelSpan, error));
    this.end();
  }

  followStream<Stream extends AsyncIterable<unknown>>(stream: Stream, options?: FollowStreamOptions): Stream {
    return (
      guarded('following a stream', () => followStreamInPlace(this, stream, options?.keepChunk)) ?? stream
    );
  }

  chunk(chunk: unknown): void {
    guarded('recording a chunk', () => {
      this.chunkCount += 1;
      if (this.chunkCount === 1) {
        this.otelSpan.setAttribute(
          ATTR_RAGTRACE_TIME_TO_FIRST_CHUNK,
          (performance.now() - this.startedAt) / 1000,
        );
      }
      this.definition.onChunk?.(chunk, this.span);
    });
  }

  streamEnded(outcome: StreamOutcome, error?: unknown): void {
    if (this.ended) return;
    guarded('recording the stream outcome', () =>
      this.otelSpan.setAttributes({
        [ATTR_RAGTRACE_STREAM_CHUNK_COUNT]: this.chunkCount,
        [ATTR_RAGTRACE_STREAM_OUTCOME]: outcome,
      }),
    );
    if (outcome === STREAM_OUTCOME.error) this.fail(error);
    else this.end();
  }

  // Usage and response are recorded once or more per call: each known value goes straight to the
  // span, with no intermediate attributes object.
  private recordUsage(usage: TokenUsage): void {
    this.setKnown(ATTR_GEN_AI_USAGE_INPUT_TOKENS, usage.inputTokens);
    this.setKnown(ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, usage.outputTokens);
    this.setKnown(ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, usage.cacheReadTokens);
    this.setKnown(ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, usage.cacheCreationTokens);
    this.setKnown(ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, usage.reasoningTokens);
  }

  private recordResponse(response: ModelResponse): void {
    if (response.finishReasons !== undefined) this.finishReasons = response.finishReasons;
    this.setKnown(ATTR_GEN_AI_RESPONSE_MODEL, response.model);
    this.setKnown(ATTR_GEN_AI_RESPONSE_ID, response.id);
    this.setKnown(ATTR_GEN_AI_RESPONSE_FINISH_REASONS, response.finishReasons && [...response.finishReasons]);
  }

  private setKnown(key: string, value: AttributeValue | undefined): void {
    if (value !== undefined) this.otelSpan.setAttribute(key, value);
  }

  /** Ids and scores are not content and are always recorded; the documents' text is content. */
  private recordDocuments(documents: readonly ScoredDocument[]): void {
    const keys = this.definition.documents;
    if (keys === undefined) return;
    this.documentsRecorded = true;
    const scores = documents.map((document) => document.score);
    const allScored = scores.every((score): score is number => typeof score === 'number');
    this.otelSpan.setAttributes(
      definedAttributes({
        [keys.ids]: documents.map((document) => document.id),
        [keys.scores]: allScored ? scores : undefined,
        ...(keys.count === undefined ? {} : { [keys.count]: documents.length }),
      }),
    );
    writeContent(this.otelSpan, this.definition.stage, this.settings, {
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
      writeContent(this.otelSpan, stage, this.settings, {
        attribute: rule.attribute,
        kind: 'output',
        serialize: () => rule.serialize(output.value, this.finishReasons),
      });
    }
    guarded('ending a span', () => this.otelSpan.end());
  }
}
