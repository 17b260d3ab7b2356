import { SpanKind } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_DATA_SOURCE_ID,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_RETRIEVAL_DOCUMENTS,
  ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES,
  GEN_AI_OPERATION,
  RAG_STAGE,
} from '@ragtrace/semconv';
import type { StageDefinition } from '../internal-types.js';
import type {
  RetrieveOptions,
  RetrieveSpan,
  ScoredDocument,
  StageOverrides,
  StageResult,
  StartedStage,
} from '../types.js';
import { stageAttributes, stageSpanName } from './base-attributes.js';
import { beginStage } from './begin-stage.js';
import { runStage } from './run-stage.js';

function describeRetrieve<Result>(options: RetrieveOptions<Result>): StageDefinition {
  return {
    stage: RAG_STAGE.retrieve,
    spanName: stageSpanName(GEN_AI_OPERATION.retrieval, options.dataSource),
    kind: SpanKind.CLIENT,
    attributes: stageAttributes(RAG_STAGE.retrieve, GEN_AI_OPERATION.retrieval, options, {
      [ATTR_GEN_AI_PROVIDER_NAME]: options.provider,
      [ATTR_GEN_AI_DATA_SOURCE_ID]: options.dataSource,
      [ATTR_GEN_AI_REQUEST_TOP_K]: options.topK,
    }),
    inputContent: [
      { attribute: ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT, kind: 'input', serialize: () => options.query },
    ],
    documents: {
      ids: ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS,
      scores: ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES,
      count: ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT,
      content: ATTR_GEN_AI_RETRIEVAL_DOCUMENTS,
    },
    // The constraint on retrieve's T ties Result to what fn returns, so the core may pass that value on.
    extractDocuments: options.extractDocuments as
      ((result: unknown) => readonly ScoredDocument[]) | undefined,
  };
}

/**
 * A vector-store or search query (`retrieval {dataSource}`, SpanKind CLIENT). Record the hits with
 * `span.setDocuments`, or let `extractDocuments` derive them from `fn`'s result.
 */
export function retrieve<T extends Result | PromiseLike<Result>, Result = unknown>(
  options: RetrieveOptions<Result>,
  fn: (span: RetrieveSpan) => T,
): StageResult<T> {
  return runStage(() => describeRetrieve(options), fn);
}

/** `retrieve` for instrumentations: the span ends when the caller says (see {@link StartedStage}). */
export function beginRetrieve<Result = unknown>(
  options: RetrieveOptions<Result>,
  overrides?: StageOverrides,
): StartedStage<RetrieveSpan> {
  return beginStage(RAG_STAGE.retrieve, () => describeRetrieve(options), overrides);
}
