import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_RAGTRACE_SOURCE_CONVENTION,
  ATTR_RAGTRACE_STAGE,
  RAG_STAGE,
  SOURCE_CONVENTION,
  type RagStage,
  type SourceConvention,
} from '@ragtrace/semconv';
import type { SpanRow } from '../storage/span-row.js';
import { addMissing } from './attribute-writes.js';
import { detectConvention } from './detect-convention.js';
import { mapMlflow } from './mlflow-convention.js';
import { mapOpenInference } from './openinference-convention.js';
import { mapOpenLlmetry } from './openllmetry-convention.js';
import { mapOtelGenAi } from './otel-genai-convention.js';
import { isRagStage, stageOfOperation } from './stage-rule.js';
import { mapVercelAi } from './vercel-ai-convention.js';

/** What normalization made of one span, for the collector's metrics. */
export interface NormalizeOutcome {
  convention: SourceConvention;
  /** The span got a RAG stage other than `other`. */
  mapped: boolean;
}

/**
 * Adds a convention's canonical keys to a span and returns the stage that convention implies,
 * or undefined when the span's kind is not one it can place.
 */
type ConventionMapper = (row: SpanRow) => RagStage | undefined;

const MAPPERS: Record<SourceConvention, ConventionMapper | undefined> = {
  [SOURCE_CONVENTION.openinference]: mapOpenInference,
  [SOURCE_CONVENTION.mlflow]: mapMlflow,
  [SOURCE_CONVENTION.vercelAi]: mapVercelAi,
  [SOURCE_CONVENTION.openllmetry]: mapOpenLlmetry,
  [SOURCE_CONVENTION.otelGenAi]: mapOtelGenAi,
  // ragtrace's SDK writes the canonical keys itself; plain spans have nothing to map.
  [SOURCE_CONVENTION.ragtrace]: undefined,
  [SOURCE_CONVENTION.none]: undefined,
};

/**
 * Maps a span from whichever GenAI convention wrote it onto the canonical keys (DESIGN.md §3),
 * in place, before it is stored. Keys are only added: the sender's attributes, canonical ones
 * included, stay as sent. Every span leaves with `ragtrace.source.convention` and a
 * `ragtrace.stage` among the eight stages, since the typed tables group by it; a stage the
 * sender set wins when it is one of them, and is replaced when it is not.
 */
export function normalizeSpan(row: SpanRow): NormalizeOutcome {
  const attributes = row.SpanAttributes;
  const convention = detectConvention(attributes);
  const inferred = MAPPERS[convention]?.(row);
  let stage = attributes[ATTR_RAGTRACE_STAGE];
  if (!isRagStage(stage)) {
    stage = inferred ?? stageOfOperation(attributes[ATTR_GEN_AI_OPERATION_NAME]) ?? RAG_STAGE.other;
    attributes[ATTR_RAGTRACE_STAGE] = stage;
  }
  addMissing(attributes, ATTR_RAGTRACE_SOURCE_CONVENTION, convention);
  return { convention, mapped: stage !== RAG_STAGE.other };
}
