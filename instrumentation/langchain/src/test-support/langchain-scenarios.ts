import type { Document } from '@langchain/core/documents';
import type { RunnableConfig } from '@langchain/core/runnables';
import type { InvokableTool, LangChainKit } from './langchain-kit.js';
import { OrderNotFoundError, scriptedChatModel } from './langchain-kit.js';

/** What the app sees from each scenario: compared between uninstrumented and instrumented runs. */
export interface ScenarioOutcomes {
  readonly answer: unknown;
  readonly streamedContents: readonly unknown[];
  readonly completion: unknown;
  readonly toolMessage: { readonly content: unknown; readonly toolCallId: unknown; readonly name: unknown };
  readonly toolError: { readonly name: string; readonly message: string; readonly isOrderNotFound: boolean };
}

export const QUESTION = 'what is ragtrace?';
export const ANSWER = 'Tracing for RAG apps.';
export const STREAMED_REPLY = 'Hi there';

/** retriever → prompt → chat model → output parser, as in LangChain's RAG tutorial. */
export function ragChain(kit: LangChainKit) {
  const { RunnableLambda, RunnablePassthrough, RunnableSequence } = kit.runnables;
  const { Document: LangChainDocument } = kit.documents;
  const retriever = new kit.testing.FakeRetriever({
    output: [
      new LangChainDocument({ id: 'doc-1', pageContent: 'ragtrace traces RAG.', metadata: { score: 0.91 } }),
      new LangChainDocument({ pageContent: 'It stores spans.', metadata: { id: 'doc-2', score: 0.47 } }),
    ],
  });
  const joinDocuments = RunnableLambda.from((documents: Document[]) =>
    documents.map((document) => document.pageContent).join('\n'),
  );
  return RunnableSequence.from([
    {
      context: retriever.withConfig({ runName: 'docs-kb' }).pipe(joinDocuments),
      question: new RunnablePassthrough(),
    },
    kit.prompts.ChatPromptTemplate.fromMessages([
      ['system', 'Answer from this context:\n{context}'],
      ['human', '{question}'],
    ]),
    scriptedChatModel(kit, ANSWER),
    new kit.outputParsers.StringOutputParser(),
  ]).withConfig({ runName: 'answer-question' });
}

const ORDER_SCHEMA = {
  type: 'object',
  properties: { order: { type: 'string' } },
  required: ['order'],
} as const;

export function lookupOrderTool(kit: LangChainKit): InvokableTool {
  return kit.tools.tool(async ({ order }: { order: string }) => `order ${order} shipped`, {
    name: 'lookup_order',
    description: 'Looks an order up',
    schema: ORDER_SCHEMA,
  });
}

/** A sequence whose tool step fails: the error must reach the app unchanged. */
export function trackOrderChain(kit: LangChainKit) {
  const failingTool: InvokableTool = kit.tools.tool(
    async ({ order }: { order: string }): Promise<string> => {
      throw new OrderNotFoundError(`no order ${order}`);
    },
    { name: 'track_order', description: 'Tracks an order', schema: ORDER_SCHEMA },
  );
  const { RunnableLambda, RunnableSequence } = kit.runnables;
  return RunnableSequence.from([
    RunnableLambda.from((order: string) => ({ order })),
    RunnableLambda.from((input: { order: string }, config?: RunnableConfig) =>
      failingTool.invoke(input, config),
    ),
  ]).withConfig({
    runName: 'track-order-flow',
  });
}

export const ORDER_TOOL_CALL = {
  id: 'call_7',
  name: 'lookup_order',
  args: { order: '7' },
  type: 'tool_call',
} as const;

interface ToolMessageFields {
  readonly content: unknown;
  readonly tool_call_id: unknown;
  readonly name: unknown;
}

async function errorOf(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** Every scenario once, as the app would run it. */
export async function runScenarios(kit: LangChainKit): Promise<ScenarioOutcomes> {
  const answer = await ragChain(kit).invoke(QUESTION);
  const streamedContents: unknown[] = [];
  const streamingModel = new kit.testing.FakeListChatModel({ responses: [STREAMED_REPLY] });
  for await (const chunk of await streamingModel.stream('hi')) streamedContents.push(chunk.content);
  const completion = await new kit.testing.FakeLLM({ response: 'completed text' }).invoke('complete this');
  const message = (await lookupOrderTool(kit).invoke(ORDER_TOOL_CALL)) as ToolMessageFields;
  const error = await errorOf(() => trackOrderChain(kit).invoke('9'));
  return {
    answer,
    streamedContents,
    completion,
    toolMessage: { content: message.content, toolCallId: message.tool_call_id, name: message.name },
    toolError: {
      name: error.name,
      message: error.message,
      isOrderNotFound: error instanceof OrderNotFoundError,
    },
  };
}
