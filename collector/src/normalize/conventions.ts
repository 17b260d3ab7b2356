import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_RAGTRACE_STAGE,
  GEN_AI_DEPRECATED_ATTRIBUTES,
  MLFLOW_ATTRIBUTES,
  OPENINFERENCE_ATTRIBUTES,
  SOURCE_CONVENTION,
  VERCEL_AI_ATTRIBUTES,
  type RagStage,
  type SourceConvention,
} from '@ragtrace/semconv';
import type { SpanRow } from '../storage/span-row.js';
import type { Attributes } from './attribute-writes.js';
import { mapMlflow } from './mlflow-convention.js';
import { mapOpenInference } from './openinference-convention.js';
import { isOpenLlmetrySpan, mapOpenLlmetry } from './openllmetry-convention.js';
import { mapOtelGenAi } from './otel-genai-convention.js';
import { mapVercelAi } from './vercel-ai-convention.js';

/** One GenAI convention: how its spans are recognised, and how they map onto the canonical keys. */
export interface Convention {
  name: SourceConvention;
  /** From the keys only this convention sets: a handful of map lookups, no scan of the keys. */
  detect(attributes: Attributes): boolean;
  /**
   * Adds the convention's canonical keys to a span and returns the stage it implies, or undefined
   * when the span's kind is not one it can place. Absent: nothing to map.
   */
  map?(row: SpanRow): RagStage | undefined;
}

/**
 * Every convention, in the order they are tried. Foreign conventions come before the GenAI keys
 * because their spans often carry some of those too (the Vercel AI SDK and OpenLLMetry set
 * `gen_ai.system`); ragtrace's own spans, recognised by `ragtrace.stage`, carry the canonical
 * keys already.
 */
export const CONVENTIONS: readonly Convention[] = [
  {
    name: SOURCE_CONVENTION.openinference,
    detect: (attributes) => attributes[OPENINFERENCE_ATTRIBUTES.spanKind] !== undefined,
    map: mapOpenInference,
  },
  {
    name: SOURCE_CONVENTION.mlflow,
    detect: (attributes) => attributes[MLFLOW_ATTRIBUTES.spanType] !== undefined,
    map: mapMlflow,
  },
  {
    name: SOURCE_CONVENTION.vercelAi,
    detect: (attributes) => attributes[VERCEL_AI_ATTRIBUTES.operationId] !== undefined,
    map: mapVercelAi,
  },
  { name: SOURCE_CONVENTION.openllmetry, detect: isOpenLlmetrySpan, map: mapOpenLlmetry },
  { name: SOURCE_CONVENTION.ragtrace, detect: (attributes) => attributes[ATTR_RAGTRACE_STAGE] !== undefined },
  {
    name: SOURCE_CONVENTION.otelGenAi,
    detect: (attributes) =>
      attributes[ATTR_GEN_AI_OPERATION_NAME] !== undefined ||
      attributes[ATTR_GEN_AI_PROVIDER_NAME] !== undefined ||
      attributes[GEN_AI_DEPRECATED_ATTRIBUTES.system] !== undefined,
    map: mapOtelGenAi,
  },
];

/** A plain span: no GenAI convention wrote it. */
const NO_CONVENTION: Convention = { name: SOURCE_CONVENTION.none, detect: () => true };

/** The convention a span was written in: the first of CONVENTIONS that recognises it. */
export function detectConvention(attributes: Attributes): Convention {
  return CONVENTIONS.find((convention) => convention.detect(attributes)) ?? NO_CONVENTION;
}
