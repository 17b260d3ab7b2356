import { RAG_ANSWER_V1, RAG_ANSWER_V2 } from './pipeline/prompt-templates.js';
import type { RagConfiguration } from './types.js';

// Real OpenAI model names, answered by the demo's mock server: the collector's seeded price
// table then gives the demo's spans realistic costs.

/** Narrow retrieval, a small model kept cool, the original prompt. */
export const BASELINE: RagConfiguration = {
  name: 'baseline',
  description: 'top 3 passages, small model at temperature 0.2, prompt rag-answer v1',
  retrieval: { topK: 3 },
  rerank: { topN: 3 },
  generation: { model: 'gpt-4o-mini', temperature: 0.2, maxTokens: 120 },
  prompt: RAG_ANSWER_V1,
};

/** Wider retrieval narrowed by the reranker, a larger model at a warmer temperature, the citing prompt. */
export const WIDE_CONTEXT: RagConfiguration = {
  name: 'wide-context',
  description: 'top 6 passages reranked to 4, large model at temperature 0.7, prompt rag-answer v2',
  retrieval: { topK: 6 },
  rerank: { topN: 4 },
  generation: { model: 'gpt-4o', temperature: 0.7, maxTokens: 80 },
  prompt: RAG_ANSWER_V2,
};

export const DEMO_CONFIGURATIONS: readonly RagConfiguration[] = [BASELINE, WIDE_CONTEXT];
