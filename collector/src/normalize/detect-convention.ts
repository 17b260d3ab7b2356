import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_RAGTRACE_STAGE,
  GEN_AI_DEPRECATED_ATTRIBUTES,
  MLFLOW_ATTRIBUTES,
  OPENINFERENCE_ATTRIBUTES,
  SOURCE_CONVENTION,
  VERCEL_AI_ATTRIBUTES,
  type SourceConvention,
} from '@ragtrace/semconv';
import type { Attributes } from './attribute-writes.js';
import { isOpenLlmetrySpan } from './openllmetry-convention.js';

/**
 * The convention a span was written in, from the keys only that convention sets. Foreign
 * conventions are checked before the GenAI keys because their spans often carry some of those
 * too (the Vercel AI SDK and OpenLLMetry set `gen_ai.system`); ragtrace's own spans are
 * recognised by `ragtrace.stage`. A handful of map lookups per span, no scan of its keys.
 */
export function detectConvention(attributes: Attributes): SourceConvention {
  if (attributes[OPENINFERENCE_ATTRIBUTES.spanKind] !== undefined) return SOURCE_CONVENTION.openinference;
  if (attributes[MLFLOW_ATTRIBUTES.spanType] !== undefined) return SOURCE_CONVENTION.mlflow;
  if (attributes[VERCEL_AI_ATTRIBUTES.operationId] !== undefined) return SOURCE_CONVENTION.vercelAi;
  if (isOpenLlmetrySpan(attributes)) return SOURCE_CONVENTION.openllmetry;
  if (attributes[ATTR_RAGTRACE_STAGE] !== undefined) return SOURCE_CONVENTION.ragtrace;
  if (
    attributes[ATTR_GEN_AI_OPERATION_NAME] !== undefined ||
    attributes[ATTR_GEN_AI_PROVIDER_NAME] !== undefined ||
    attributes[GEN_AI_DEPRECATED_ATTRIBUTES.system] !== undefined
  ) {
    return SOURCE_CONVENTION.otelGenAi;
  }
  return SOURCE_CONVENTION.none;
}
