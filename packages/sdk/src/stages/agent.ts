import { SpanKind } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_AGENT_ID,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  GEN_AI_OPERATION,
  RAG_STAGE,
} from '@ragtrace/semconv';
import type { StageDefinition } from '../internal-types.js';
import type { AgentOptions, AgentSpan, StageOverrides, StageResult, StartedStage } from '../types.js';
import { stageAttributes, stageSpanName } from './base-attributes.js';
import { freeFormContent } from './free-form-content.js';
import { beginStage } from './begin-stage.js';
import { runStage } from './run-stage.js';

function describeAgent(options: AgentOptions): StageDefinition {
  return {
    stage: RAG_STAGE.agent,
    spanName: stageSpanName(GEN_AI_OPERATION.invokeAgent, options.name),
    kind: SpanKind.INTERNAL,
    attributes: stageAttributes(RAG_STAGE.agent, GEN_AI_OPERATION.invokeAgent, options, {
      [ATTR_GEN_AI_AGENT_NAME]: options.name,
      [ATTR_GEN_AI_AGENT_ID]: options.id,
      [ATTR_GEN_AI_PROVIDER_NAME]: options.provider,
      [ATTR_GEN_AI_REQUEST_MODEL]: options.model,
    }),
    ...freeFormContent(options.input),
  };
}

/** An agent invocation (`invoke_agent {name}`, SpanKind INTERNAL); its stages nest under it. */
export function agent<T>(options: AgentOptions, fn: (span: AgentSpan) => T): StageResult<T> {
  return runStage(() => describeAgent(options), fn);
}

/** `agent` for instrumentations: the span ends when the caller says (see {@link StartedStage}). */
export function beginAgent(options: AgentOptions, overrides?: StageOverrides): StartedStage<AgentSpan> {
  return beginStage(RAG_STAGE.agent, () => describeAgent(options), overrides);
}
