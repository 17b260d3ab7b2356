import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_RAGTRACE_SOURCE_CONVENTION,
  ATTR_RAGTRACE_STAGE,
  RAG_STAGE,
  type SourceConvention,
} from '@ragtrace/semconv';
import type { SpanRow } from '../storage/span-row.js';
import { addMissing } from './attribute-writes.js';
import { detectConvention } from './conventions.js';
import { isRagStage, stageOfOperation } from './stage-rule.js';

/** What normalization made of one span, for the collector's metrics. */
export interface NormalizeOutcome {
  convention: SourceConvention;
  /** The span got a RAG stage other than `other`. */
  mapped: boolean;
}

/**
 * Maps a span from whichever GenAI convention wrote it onto the canonical keys (README, "Conventions normalized"),
 * in place, before it is stored. Keys are only added: the sender's attributes, canonical ones
 * included, stay as sent. Every span leaves with `ragtrace.source.convention` and a
 * `ragtrace.stage` among the eight stages, since the typed tables group by it; a stage the
 * sender set wins when it is one of them, and is replaced when it is not.
 */
export function normalizeSpan(row: SpanRow): NormalizeOutcome {
  const attributes = row.SpanAttributes;
  const convention = detectConvention(attributes);
  const inferred = convention.map?.(row);
  let stage = attributes[ATTR_RAGTRACE_STAGE];
  if (!isRagStage(stage)) {
    stage = inferred ?? stageOfOperation(attributes[ATTR_GEN_AI_OPERATION_NAME]) ?? RAG_STAGE.other;
    attributes[ATTR_RAGTRACE_STAGE] = stage;
  }
  addMissing(attributes, ATTR_RAGTRACE_SOURCE_CONVENTION, convention.name);
  return { convention: convention.name, mapped: stage !== RAG_STAGE.other };
}
