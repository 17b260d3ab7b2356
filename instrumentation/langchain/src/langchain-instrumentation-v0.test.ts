import { isWrapped } from '@opentelemetry/instrumentation';
import type * as ManagerModuleV0 from 'langchain-core-v0/callbacks/manager';
import assert from 'node:assert/strict';
import { LangChainInstrumentation } from './langchain-instrumentation.js';
import type { LangChainKit } from './test-support/langchain-kit.js';
import { describeLangChainInstrumentation } from './test-support/langchain-suite.js';

// The oldest supported major, installed under an npm alias, so it is instrumented the way a
// bundled app would do it: the app hands its own callback manager module to manuallyInstrument.
const instrumentation = new LangChainInstrumentation({ enabled: false });
let managerModule: typeof ManagerModuleV0 | undefined;

describeLangChainInstrumentation({
  label: '@langchain/core 0.3 through manuallyInstrument',
  instrumentation,
  load: async () => {
    managerModule = await import('langchain-core-v0/callbacks/manager');
    const kit = {
      documents: await import('langchain-core-v0/documents'),
      chatModels: await import('langchain-core-v0/language_models/chat_models'),
      messages: await import('langchain-core-v0/messages'),
      outputParsers: await import('langchain-core-v0/output_parsers'),
      prompts: await import('langchain-core-v0/prompts'),
      runnables: await import('langchain-core-v0/runnables'),
      tools: await import('langchain-core-v0/tools'),
      testing: await import('langchain-core-v0/utils/testing'),
    };
    return kit as unknown as LangChainKit;
  },
  instrument: () => {
    assert.ok(managerModule !== undefined);
    instrumentation.manuallyInstrument(managerModule);
    // A second call re-wraps rather than stacking a second wrapper.
    instrumentation.manuallyInstrument(managerModule);
    assert.ok(isWrapped(managerModule.CallbackManager._configureSync));
  },
});
