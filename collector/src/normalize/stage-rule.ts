import {
  ATTR_GEN_AI_OPERATION_NAME,
  type GenAiOperationName,
  OPERATION_STAGES,
  RAG_STAGE,
  type RagStage,
} from '@ragtrace/semconv';
import { addMissing, type Attributes } from './attribute-writes.js';

/**
 * What a convention's span kind says about a span: its RAG stage, the GenAI operation it
 * implies (when there is one), and which canonical keys the convention's generic name, input
 * and output values fill for that kind (a tool's input is its call arguments, a workflow's
 * is free-form input, …).
 */
export interface StageRule {
  stage: RagStage;
  operation?: GenAiOperationName;
  nameKey?: string;
  inputKey?: string;
  outputKey?: string;
}

/** The values a convention gives generically, whatever the span kind. */
export interface GenericValues {
  name?: string | undefined;
  input?: string | undefined;
  output?: string | undefined;
}

/** Writes what a rule implies and returns the rule's stage. */
export function applyStageRule(
  attributes: Attributes,
  rule: StageRule,
  values: GenericValues = {},
): RagStage {
  if (rule.operation !== undefined) addMissing(attributes, ATTR_GEN_AI_OPERATION_NAME, rule.operation);
  if (rule.nameKey !== undefined) addMissing(attributes, rule.nameKey, values.name);
  if (rule.inputKey !== undefined) addMissing(attributes, rule.inputKey, values.input);
  if (rule.outputKey !== undefined) addMissing(attributes, rule.outputKey, values.output);
  return rule.stage;
}

/** The stage a `gen_ai.operation.name` value implies, if it is one the conventions define. */
export function stageOfOperation(operation: string | undefined): RagStage | undefined {
  return operation === undefined ? undefined : OPERATION_STAGES.get(operation);
}

const RAG_STAGES: ReadonlySet<string> = new Set(Object.values(RAG_STAGE));

export function isRagStage(value: string | undefined): value is RagStage {
  return value !== undefined && RAG_STAGES.has(value);
}
