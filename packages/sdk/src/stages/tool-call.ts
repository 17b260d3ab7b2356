import { SpanKind } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_GEN_AI_TOOL_DESCRIPTION,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_TOOL_TYPE,
  GEN_AI_OPERATION,
  RAG_STAGE,
} from '@ragtrace/semconv';
import { serializeContent } from '../content/serialize-content.js';
import type { StageDefinition } from '../internal-types.js';
import type { StageOverrides, StageResult, StartedStage, ToolCallOptions, ToolCallSpan } from '../types.js';
import { stageAttributes, stageSpanName } from './base-attributes.js';
import { beginStage } from './begin-stage.js';
import { runStage } from './run-stage.js';

function describeToolCall(options: ToolCallOptions): StageDefinition {
  return {
    stage: RAG_STAGE.tool,
    spanName: stageSpanName(GEN_AI_OPERATION.executeTool, options.name),
    kind: SpanKind.INTERNAL,
    attributes: stageAttributes(RAG_STAGE.tool, GEN_AI_OPERATION.executeTool, options, {
      [ATTR_GEN_AI_TOOL_NAME]: options.name,
      [ATTR_GEN_AI_TOOL_CALL_ID]: options.callId,
      [ATTR_GEN_AI_TOOL_TYPE]: options.type,
      [ATTR_GEN_AI_TOOL_DESCRIPTION]: options.description,
    }),
    inputContent: [
      {
        attribute: ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
        kind: 'input',
        serialize: () => serializeContent(options.arguments),
      },
    ],
    output: { attribute: ATTR_GEN_AI_TOOL_CALL_RESULT, serialize: serializeContent },
    returnValueIsOutput: true,
  };
}

/** A tool the model asked for (`execute_tool {name}`, SpanKind INTERNAL). */
export function toolCall<T>(options: ToolCallOptions, fn: (span: ToolCallSpan) => T): StageResult<T> {
  return runStage(() => describeToolCall(options), fn);
}

/** `toolCall` for instrumentations: the span ends when the caller says (see {@link StartedStage}). */
export function beginToolCall(
  options: ToolCallOptions,
  overrides?: StageOverrides,
): StartedStage<ToolCallSpan> {
  return beginStage(RAG_STAGE.tool, () => describeToolCall(options), overrides);
}
