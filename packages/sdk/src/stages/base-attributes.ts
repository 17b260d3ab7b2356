import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_RAGTRACE_STAGE,
} from '@ragtrace/semconv';
import type { GenAiOperationName, RagStage } from '@ragtrace/semconv';
import type { StageOptionsBase } from '../types.js';
import { definedAttributes } from './defined-attributes.js';

/**
 * A stage span's start attributes, built once with only the known values: the caller's own
 * attributes, then those every stage span carries, then the stage's `own` — so the caller's
 * can't override ours.
 */
export function stageAttributes(
  stage: RagStage,
  operation: GenAiOperationName,
  options: StageOptionsBase,
  own: Attributes,
): Attributes {
  return definedAttributes(
    options.attributes,
    {
      [ATTR_GEN_AI_OPERATION_NAME]: operation,
      [ATTR_RAGTRACE_STAGE]: stage,
      [ATTR_GEN_AI_CONVERSATION_ID]: options.conversationId,
    },
    own,
  );
}

/** GenAI span names: `{operation} {model, data source, tool or agent name}`. */
export function stageSpanName(operation: GenAiOperationName, target: string | undefined): string {
  return target === undefined || target === '' ? operation : `${operation} ${target}`;
}
