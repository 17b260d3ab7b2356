// An ESM app, run as its own process by langchain-instrumentation-esm.test.ts: the loader hook is
// registered before anything imports @langchain/core, as `node --import` would do it.
import { register } from 'node:module';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
const { setupMemoryTracing } = await import('@ragtrace/sdk/testing');
const { LangChainInstrumentation } = await import('../langchain-instrumentation.js');
const tracing = setupMemoryTracing();
new LangChainInstrumentation();
const { FakeListChatModel } = await import('@langchain/core/utils/testing');
const { isWrapped } = await import('@opentelemetry/instrumentation');
const { BaseChatModel } = await import('@langchain/core/language_models/chat_models');
const { BaseLLM } = await import('@langchain/core/language_models/llms');
const reply = await new FakeListChatModel({ responses: ['esm reply'] }).invoke('hi');
process.stdout.write(
  JSON.stringify({
    reply: reply.content,
    spans: tracing.spans().map((span) => span.name),
    modelsPatched: [BaseChatModel.prototype, BaseLLM.prototype].every(
      (prototype) => isWrapped(prototype._generateUncached) && isWrapped(prototype._streamIterator),
    ),
  }),
);
await tracing.shutdown();
