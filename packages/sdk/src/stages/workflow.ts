import { SpanKind } from '@opentelemetry/api';
import { ATTR_RAGTRACE_WORKFLOW_NAME, GEN_AI_OPERATION, RAG_STAGE } from '@ragtrace/semconv';
import type { StageDefinition } from '../internal-types.js';
import type { StageOverrides, StageResult, StartedStage, WorkflowOptions, WorkflowSpan } from '../types.js';
import { stageAttributes, stageSpanName } from './base-attributes.js';
import { freeFormContent } from './free-form-content.js';
import { beginStage } from './begin-stage.js';
import { runStage } from './run-stage.js';

function describeWorkflow(options: WorkflowOptions): StageDefinition {
  return {
    stage: RAG_STAGE.workflow,
    spanName: stageSpanName(GEN_AI_OPERATION.invokeWorkflow, options.name),
    kind: SpanKind.INTERNAL,
    attributes: stageAttributes(RAG_STAGE.workflow, GEN_AI_OPERATION.invokeWorkflow, options, {
      [ATTR_RAGTRACE_WORKFLOW_NAME]: options.name,
    }),
    ...freeFormContent(options.input),
  };
}

/** A whole pipeline run, e.g. answering one question (`invoke_workflow {name}`, SpanKind INTERNAL). */
export function workflow<T>(options: WorkflowOptions, fn: (span: WorkflowSpan) => T): StageResult<T> {
  return runStage(() => describeWorkflow(options), fn);
}

/** `workflow` for instrumentations: the span ends when the caller says (see {@link StartedStage}). */
export function beginWorkflow(
  options: WorkflowOptions,
  overrides?: StageOverrides,
): StartedStage<WorkflowSpan> {
  return beginStage(RAG_STAGE.workflow, () => describeWorkflow(options), overrides);
}
