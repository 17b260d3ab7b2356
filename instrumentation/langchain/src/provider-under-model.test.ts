import type * as Prompts from '@langchain/core/prompts';
import type * as Runnables from '@langchain/core/runnables';
import type * as LangChainOpenAI from '@langchain/openai';
import type { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import { isWrapped } from '@opentelemetry/instrumentation';
import { startOpenAIMockServer } from '@ragtrace/instrumentation-test-kit';
import type { LoopbackServer } from '@ragtrace/instrumentation-test-kit';
import { OpenAIInstrumentation } from '@ragtrace/instrumentation-openai';
import { setupMemoryTracing } from '@ragtrace/sdk/testing';
import type { MemoryTracing } from '@ragtrace/sdk/testing';
import { RAG_STAGE } from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, afterEach, before, describe, it } from 'node:test';
import { LangChainInstrumentation } from './langchain-instrumentation.js';
import { isLangChainSpan, spansOfStage, theOneGenerateSpan } from './test-support/generate-spans.js';
import {
  IN_THREAD,
  QUESTION,
  itRecordsOneGenerateSpanPerModelCall,
} from './test-support/one-generate-span-suite.js';

// What `node --import @ragtrace/auto/register` does for a LangChain app on ChatOpenAI: both
// instrumentations enabled, then @langchain/openai (and the openai copy it brings) loaded
// through the module hooks.
const require = createRequire(import.meta.url);
const langchain = new LangChainInstrumentation();
const openai = new OpenAIInstrumentation();

type ModelModule<Name extends string> = Record<
  Name,
  { readonly prototype: { readonly _generateUncached: unknown; readonly _streamIterator: unknown } }
>;
interface OpenAIClient {
  chat: { completions: { create(params: object): Promise<unknown> } };
}
type OpenAIClientClass = new (options: object) => OpenAIClient;

describe('LangChain on ChatOpenAI with the openai instrumentation enabled too', () => {
  let tracing: MemoryTracing;
  let mock: LoopbackServer;
  let lc: typeof LangChainOpenAI;
  let runnables: typeof Runnables;
  let prompts: typeof Prompts;
  let OpenAI: OpenAIClientClass;

  const chatModel = (): ChatOpenAI =>
    new lc.ChatOpenAI({ model: 'gpt-4o-mini', apiKey: 'x', configuration: { baseURL: `${mock.url}/v1` } });
  const embeddings = (): OpenAIEmbeddings =>
    new lc.OpenAIEmbeddings({
      model: 'text-embedding-3-small',
      apiKey: 'x',
      configuration: { baseURL: `${mock.url}/v1` },
    });
  const directChat = (): Promise<unknown> =>
    new OpenAI({ apiKey: 'x', baseURL: `${mock.url}/v1` }).chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: QUESTION }],
    });

  before(async () => {
    tracing = setupMemoryTracing({ captureContent: false });
    mock = await startOpenAIMockServer();
    lc = require('@langchain/openai') as typeof LangChainOpenAI;
    runnables = require('@langchain/core/runnables') as typeof Runnables;
    prompts = require('@langchain/core/prompts') as typeof Prompts;
    // The very copy of openai that @langchain/openai calls, as an app importing it would get it.
    OpenAI = createRequire(require.resolve('@langchain/openai'))('openai') as OpenAIClientClass;
  });
  afterEach(() => tracing.reset());
  after(async () => {
    langchain.disable();
    openai.disable();
    await mock.close();
    await tracing.shutdown();
  });

  itRecordsOneGenerateSpanPerModelCall({
    tracing: () => tracing,
    chatModel,
    runChain: () =>
      prompts.ChatPromptTemplate.fromMessages([['human', '{question}']])
        .pipe(chatModel())
        .invoke({ question: QUESTION }, IN_THREAD),
    directChat,
  });

  it('still records an openai call the app makes inside a chain step (only model runs stand it aside)', async () => {
    const step = runnables.RunnableLambda.from(async (question: string) => {
      await directChat();
      return question;
    });
    await step.invoke(QUESTION, IN_THREAD);

    const generate = theOneGenerateSpan(tracing);
    assert.equal(isLangChainSpan(generate), false, 'the openai instrumentation’s span');
  });

  it('patches the models of both builds once, and unpatches them on disable', () => {
    const { BaseChatModel } =
      require('@langchain/core/language_models/chat_models') as ModelModule<'BaseChatModel'>;
    const { BaseLLM } = require('@langchain/core/language_models/llms') as ModelModule<'BaseLLM'>;
    const patched = (): boolean[] =>
      [BaseChatModel.prototype, BaseLLM.prototype].flatMap((prototype) => [
        isWrapped(prototype._generateUncached),
        isWrapped(prototype._streamIterator),
      ]);
    assert.deepEqual(patched(), [true, true, true, true]);
    langchain.disable();
    assert.deepEqual(patched(), [false, false, false, false]);
    langchain.enable();
    assert.deepEqual(patched(), [true, true, true, true]);
    const unwrapped = (BaseChatModel.prototype._generateUncached as { __original?: { __original?: unknown } })
      .__original;
    assert.equal(isWrapped(unwrapped), false, 'wrapped once, not on top of an earlier wrapper');
  });

  it('keeps the provider embed span for OpenAIEmbeddings (LangChain records no embeddings)', async () => {
    const vector = await embeddings().embedQuery(QUESTION);

    assert.ok(vector.length > 0);
    assert.deepEqual(
      spansOfStage(tracing, RAG_STAGE.embed).map((span) => span.name),
      ['embeddings text-embedding-3-small'],
    );
    assert.deepEqual(spansOfStage(tracing, RAG_STAGE.generate), []);
  });
});
