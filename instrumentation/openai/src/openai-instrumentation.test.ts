import { isWrapped } from '@opentelemetry/instrumentation';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { OpenAIInstrumentation } from './openai-instrumentation.js';
import { describeOpenAIHelpers } from './test-support/openai-helpers-suite.js';
import type { OpenAIHelpersSdk } from './test-support/openai-helpers-suite.js';
import type { OpenAISdk } from './test-support/openai-sdk.js';
import { describeOpenAIInstrumentation } from './test-support/openai-suite.js';

// The newest major that every supported Node runs (7.x needs Node 22: openai-instrumentation-v7.test.ts),
// loaded the way an app loads it: enabled first, then
// require-in-the-middle patches the module as it is required. disable()/enable() unpatch and
// re-patch it in place, which gives the suite its uninstrumented baseline.
const require = createRequire(import.meta.url);
const instrumentation = new OpenAIInstrumentation();
const { VERSION } = require('openai/version') as { VERSION: string };

interface Create {
  readonly prototype: { readonly create: () => unknown };
}
interface PatchedClasses {
  readonly OpenAI: {
    readonly Chat: { readonly Completions: Create };
    readonly Responses: Create;
    readonly Embeddings: Create;
  };
}

function patchedStates(sdk: PatchedClasses): boolean[] {
  const { Chat, Responses, Embeddings } = sdk.OpenAI;
  return [Chat.Completions, Responses, Embeddings].map((resource) => isWrapped(resource.prototype.create));
}

describeOpenAIInstrumentation({
  label: `openai ${VERSION} through the module hook`,
  instrumentation,
  load: () => {
    assert.match(VERSION, /^6\./);
    const sdk = require('openai') as OpenAISdk & PatchedClasses;
    assert.deepEqual(patchedStates(sdk), [true, true, true], 'patched on require');
    instrumentation.disable();
    assert.deepEqual(patchedStates(sdk), [false, false, false], 'unpatched on disable');
    return sdk;
  },
  instrument: (sdk) => {
    instrumentation.enable();
    assert.deepEqual(
      patchedStates(sdk as OpenAISdk & PatchedClasses),
      [true, true, true],
      're-patched on enable',
    );
  },
});

describeOpenAIHelpers({
  label: `openai ${VERSION} through the module hook`,
  load: () => require('openai') as OpenAIHelpersSdk,
});
