import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_RAGTRACE_EXPERIMENT_NAME,
  ATTR_RAGTRACE_RUN_ID,
  ATTR_RAGTRACE_RUN_NAME,
  runParamAttribute,
} from '@ragtrace/semconv';
import type { RagConfiguration } from '../types.js';

export const DEMO_EXPERIMENT = 'ragtrace-demo';

export interface DemoRun {
  readonly id: string;
  readonly configuration: RagConfiguration;
}

/** On every span of the run, so per-run aggregates need no join back to the workflow span. */
export function runAttributes(run: DemoRun): Attributes {
  return {
    [ATTR_RAGTRACE_RUN_ID]: run.id,
    [ATTR_RAGTRACE_RUN_NAME]: run.configuration.name,
    [ATTR_RAGTRACE_EXPERIMENT_NAME]: DEMO_EXPERIMENT,
  };
}

/** The configuration's parameters, on the workflow span: what turns a set of traces into a comparable run. */
export function runParamAttributes(configuration: RagConfiguration): Attributes {
  return {
    [runParamAttribute('retrieval.top_k')]: configuration.retrieval.topK,
    [runParamAttribute('rerank.top_n')]: configuration.rerank.topN,
    [runParamAttribute('generation.model')]: configuration.generation.model,
    [runParamAttribute('generation.temperature')]: configuration.generation.temperature,
    [runParamAttribute('generation.max_tokens')]: configuration.generation.maxTokens,
    [runParamAttribute('prompt.name')]: configuration.prompt.name,
    [runParamAttribute('prompt.version')]: configuration.prompt.version,
  };
}
