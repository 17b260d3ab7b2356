import { SpanKind } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_RAGTRACE_INPUT_CONTENT,
  ATTR_RAGTRACE_OUTPUT_CONTENT,
  ATTR_RAGTRACE_RERANK_INPUT_COUNT,
  ATTR_RAGTRACE_RERANK_INPUT_IDS,
  ATTR_RAGTRACE_RERANK_OUTPUT_IDS,
  ATTR_RAGTRACE_RERANK_OUTPUT_SCORES,
  GEN_AI_OPERATION,
  RAG_STAGE,
} from '@ragtrace/semconv';
import type { StageDefinition } from '../internal-types.js';
import type {
  RerankOptions,
  RerankSpan,
  ScoredDocument,
  StageOverrides,
  StageResult,
  StartedStage,
} from '../types.js';
import { stageAttributes, stageSpanName } from './base-attributes.js';
import { beginStage } from './begin-stage.js';
import { runStage } from './run-stage.js';

function describeRerank<Result>(options: RerankOptions<Result>): StageDefinition {
  const candidates = options.documents;
  return {
    stage: RAG_STAGE.rerank,
    spanName: stageSpanName(GEN_AI_OPERATION.rerank, options.model),
    kind: SpanKind.CLIENT,
    attributes: stageAttributes(RAG_STAGE.rerank, GEN_AI_OPERATION.rerank, options, {
      [ATTR_GEN_AI_PROVIDER_NAME]: options.provider,
      [ATTR_GEN_AI_REQUEST_MODEL]: options.model,
      [ATTR_GEN_AI_REQUEST_TOP_K]: options.topN,
      [ATTR_RAGTRACE_RERANK_INPUT_COUNT]: candidates?.length,
      [ATTR_RAGTRACE_RERANK_INPUT_IDS]: candidates?.map((document) => document.id),
    }),
    inputContent: [{ attribute: ATTR_RAGTRACE_INPUT_CONTENT, kind: 'input', serialize: () => options.query }],
    documents: {
      ids: ATTR_RAGTRACE_RERANK_OUTPUT_IDS,
      scores: ATTR_RAGTRACE_RERANK_OUTPUT_SCORES,
      content: ATTR_RAGTRACE_OUTPUT_CONTENT,
    },
    // The constraint on rerank's T ties Result to what fn returns, so the core may pass that value on.
    extractDocuments: options.extractDocuments as
      ((result: unknown) => readonly ScoredDocument[]) | undefined,
  };
}

/**
 * A reranking call (`rerank {model}`, SpanKind CLIENT). Record the reordered documents with
 * `span.setDocuments`, or let `extractDocuments` derive them from `fn`'s result.
 */
export function rerank<T extends Result | PromiseLike<Result>, Result = unknown>(
  options: RerankOptions<Result>,
  fn: (span: RerankSpan) => T,
): StageResult<T> {
  return runStage(() => describeRerank(options), fn);
}

/** `rerank` for instrumentations: the span ends when the caller says (see {@link StartedStage}). */
export function beginRerank<Result = unknown>(
  options: RerankOptions<Result>,
  overrides?: StageOverrides,
): StartedStage<RerankSpan> {
  return beginStage(RAG_STAGE.rerank, () => describeRerank(options), overrides);
}
