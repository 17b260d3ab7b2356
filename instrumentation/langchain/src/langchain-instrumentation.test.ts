import { isWrapped } from '@opentelemetry/instrumentation';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { LangChainInstrumentation } from './langchain-instrumentation.js';
import type { LangChainKit } from './test-support/langchain-kit.js';
import { describeLangChainInstrumentation } from './test-support/langchain-suite.js';

// The newest major, loaded the way an app loads it: the instrumentation is enabled first, then
// require-in-the-middle patches the callback manager module as @langchain/core requires it.
const require = createRequire(import.meta.url);
const instrumentation = new LangChainInstrumentation();
type ManagerModule = { CallbackManager: { _configureSync: unknown } };

describeLangChainInstrumentation({
  label: '@langchain/core 1.4 through the module hook',
  instrumentation,
  load: async () => {
    const kit: LangChainKit = {
      documents: require('@langchain/core/documents'),
      chatModels: require('@langchain/core/language_models/chat_models'),
      messages: require('@langchain/core/messages'),
      outputParsers: require('@langchain/core/output_parsers'),
      prompts: require('@langchain/core/prompts'),
      runnables: require('@langchain/core/runnables'),
      tools: require('@langchain/core/tools'),
      testing: require('@langchain/core/utils/testing'),
    };
    const { CallbackManager } = require('@langchain/core/callbacks/manager') as ManagerModule;
    assert.ok(isWrapped(CallbackManager._configureSync), 'patched on require');
    instrumentation.disable();
    assert.equal(isWrapped(CallbackManager._configureSync), false, 'unpatched on disable');
    return kit;
  },
  instrument: () => instrumentation.enable(),
});
