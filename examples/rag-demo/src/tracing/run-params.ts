import type { RunDataset } from '@ragtrace/sdk';
import type { RagConfiguration } from '../types.js';

/** Both configurations are runs of this one experiment, so `ragtrace runs compare` can set them side by side. */
export const DEMO_EXPERIMENT = 'ragtrace-demo';

/** The questions every run answers: the same dataset, so the runs' metrics are comparable. */
export const DEMO_DATASET: RunDataset = { name: 'halcyon-support-questions', version: '1' };

/** The configuration as run params: what turns a set of traces into a comparable run. */
export function runParams(configuration: RagConfiguration): Record<string, string | number> {
  return {
    'retrieval.top_k': configuration.retrieval.topK,
    'rerank.top_n': configuration.rerank.topN,
    'generation.model': configuration.generation.model,
    'generation.temperature': configuration.generation.temperature,
    'generation.max_tokens': configuration.generation.maxTokens,
    'prompt.name': configuration.prompt.name,
    'prompt.version': configuration.prompt.version,
  };
}
