import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_RAGTRACE_STAGE,
} from '@ragtrace/semconv';
import type { GenAiOperationName, RagStage } from '@ragtrace/semconv';
import type { StageOptionsBase } from '../types.js';

/** Attributes every stage span carries; the caller's own attributes can't override ours. */
export function baseAttributes(
  stage: RagStage,
  operation: GenAiOperationName,
  options: StageOptionsBase,
): Attributes {
  return {
    ...options.attributes,
    [ATTR_GEN_AI_OPERATION_NAME]: operation,
    [ATTR_RAGTRACE_STAGE]: stage,
    [ATTR_GEN_AI_CONVERSATION_ID]: options.conversationId,
  };
}

/** GenAI span names: `{operation} {model, data source, tool or agent name}`. */
export function stageSpanName(operation: GenAiOperationName, target: string | undefined): string {
  return target === undefined || target === '' ? operation : `${operation} ${target}`;
}
