import { embed, rerank, retrieve, workflow } from '@ragtrace/sdk';
import { assistantMessage } from '../llm/assistant-reply.js';
import type { ChatCompletionsClient } from '../llm/chat-completions-client.js';
import type { DemoQuestion } from '../questions.js';
import { EMBEDDING_DIMENSIONS, embedText } from '../retrieval/hashed-embedding.js';
import type { KnowledgeBase } from '../retrieval/knowledge-base.js';
import type { RankedPassage } from '../retrieval/term-overlap-reranker.js';
import { rerankByTermOverlap } from '../retrieval/term-overlap-reranker.js';
import type { SearchHit } from '../retrieval/vector-index.js';
import { countTokens } from '../text/count-tokens.js';
import type { RagConfiguration } from '../types.js';
import { chatTurn } from './chat-turn.js';
import { ORDER_STATUS_TOOL, runOrderStatusTool } from './order-status-tool.js';

const EMBEDDING_MODEL = 'hashed-bow-64';
const RERANK_MODEL = 'term-overlap-v1';
/** Embedding and reranking run in process; the provider name says so. */
const LOCAL_PROVIDER = 'ragtrace-demo';

export interface RagApp {
  readonly knowledgeBase: KnowledgeBase;
  readonly llm: ChatCompletionsClient;
}

export interface AnsweredQuestion {
  readonly traceId: string;
  readonly answer: string;
  readonly toolCalls: number;
}

/**
 * One question, one trace: workflow → embed → retrieve → rerank → generate, and when the model
 * asks for the order tool, → execute_tool → generate again with the tool's result.
 */
export function answerQuestion(
  app: RagApp,
  configuration: RagConfiguration,
  question: DemoQuestion,
): Promise<AnsweredQuestion> {
  const query = question.text;

  return workflow({ name: 'answer-question', input: query }, async (workflowSpan) => {
    const queryVector = embed(
      {
        model: EMBEDDING_MODEL,
        provider: LOCAL_PROVIDER,
        input: query,
        dimensions: EMBEDDING_DIMENSIONS,
      },
      (span) => {
        span.setUsage({ inputTokens: countTokens(query) });
        return embedText(query);
      },
    );

    const hits = retrieve(
      {
        dataSource: app.knowledgeBase.name,
        provider: LOCAL_PROVIDER,
        topK: configuration.retrieval.topK,
        query,
        extractDocuments: (found: SearchHit[]) =>
          found.map((hit) => ({ id: hit.id, score: hit.score, content: app.knowledgeBase.text(hit.id) })),
      },
      () => app.knowledgeBase.search(queryVector, configuration.retrieval.topK),
    );

    const candidates = hits.map((hit) => ({ id: hit.id, text: app.knowledgeBase.text(hit.id) }));
    const passages = rerank(
      {
        model: RERANK_MODEL,
        provider: LOCAL_PROVIDER,
        topN: configuration.rerank.topN,
        query,
        documents: candidates,
        extractDocuments: (ranked: RankedPassage[]) =>
          ranked.map((passage) => ({ id: passage.id, score: passage.score, content: passage.text })),
      },
      () => rerankByTermOverlap(query, candidates, configuration.rerank.topN),
    );

    const messages = configuration.prompt.render(query, passages);
    const turn = { configuration, llm: app.llm, stream: question.stream };
    let reply = await chatTurn({ ...turn, messages, tools: [ORDER_STATUS_TOOL] });
    const toolCalls = reply.toolCalls.length;
    if (toolCalls > 0) {
      // The order tool is the only one offered, so every call the model makes is to it.
      const toolMessages = await Promise.all(reply.toolCalls.map((call) => runOrderStatusTool(call)));
      reply = await chatTurn({
        ...turn,
        messages: [...messages, assistantMessage(reply), ...toolMessages],
      });
    }

    workflowSpan.setOutput(reply.content);
    return { traceId: workflowSpan.span.spanContext().traceId, answer: reply.content, toolCalls };
  });
}
