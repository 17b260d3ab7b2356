import { GEN_AI_OPERATION } from './gen-ai-attributes.js';
import { RAG_STAGE, type RagStage } from './ragtrace-attributes.js';

/**
 * The RAG stage each `gen_ai.operation.name` implies, for spans that carry no `ragtrace.stage`
 * (written by another OTel writer, or by an instrumentation the normalizer did not see).
 * Operations not listed here are stage `other`.
 */
export const OPERATION_STAGES: ReadonlyMap<string, RagStage> = new Map<string, RagStage>([
  [GEN_AI_OPERATION.chat, RAG_STAGE.generate],
  [GEN_AI_OPERATION.textCompletion, RAG_STAGE.generate],
  [GEN_AI_OPERATION.generateContent, RAG_STAGE.generate],
  [GEN_AI_OPERATION.embeddings, RAG_STAGE.embed],
  [GEN_AI_OPERATION.retrieval, RAG_STAGE.retrieve],
  [GEN_AI_OPERATION.rerank, RAG_STAGE.rerank],
  [GEN_AI_OPERATION.executeTool, RAG_STAGE.tool],
  [GEN_AI_OPERATION.invokeAgent, RAG_STAGE.agent],
  [GEN_AI_OPERATION.createAgent, RAG_STAGE.agent],
  [GEN_AI_OPERATION.invokeWorkflow, RAG_STAGE.workflow],
]);
