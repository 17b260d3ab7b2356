import { SpanKind } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT,
  ATTR_RAGTRACE_INPUT_CONTENT,
  GEN_AI_OPERATION,
  RAG_STAGE,
} from '@ragtrace/semconv';
import type { StageDefinition } from '../internal-types.js';
import type { EmbedOptions, EmbedSpan, StageOverrides, StageResult, StartedStage } from '../types.js';
import { stageAttributes, stageSpanName } from './base-attributes.js';
import { beginStage } from './begin-stage.js';
import { runStage } from './run-stage.js';

function describeEmbed(options: EmbedOptions): StageDefinition {
  const inputs = typeof options.input === 'string' ? [options.input] : options.input;
  return {
    stage: RAG_STAGE.embed,
    spanName: stageSpanName(GEN_AI_OPERATION.embeddings, options.model),
    kind: SpanKind.CLIENT,
    attributes: stageAttributes(RAG_STAGE.embed, GEN_AI_OPERATION.embeddings, options, {
      [ATTR_GEN_AI_PROVIDER_NAME]: options.provider,
      [ATTR_GEN_AI_REQUEST_MODEL]: options.model,
      [ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT]: options.dimensions,
      [ATTR_RAGTRACE_EMBEDDINGS_INPUT_COUNT]: inputs?.length,
    }),
    inputContent: [
      {
        attribute: ATTR_RAGTRACE_INPUT_CONTENT,
        kind: 'input',
        serialize: () => inputs && JSON.stringify(inputs),
      },
    ],
  };
}

/** An embeddings call (`embeddings {model}`, SpanKind CLIENT). */
export function embed<T>(options: EmbedOptions, fn: (span: EmbedSpan) => T): StageResult<T> {
  return runStage(() => describeEmbed(options), fn);
}

/** `embed` for instrumentations: the span ends when the caller says (see {@link StartedStage}). */
export function beginEmbed(options: EmbedOptions, overrides?: StageOverrides): StartedStage<EmbedSpan> {
  return beginStage(RAG_STAGE.embed, () => describeEmbed(options), overrides);
}
