import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { OpenAIInstrumentation } from './openai-instrumentation.js';
import type { OpenAISdk } from './test-support/openai-sdk.js';
import { describeOpenAIInstrumentation } from './test-support/openai-suite.js';

// The oldest major claimed, installed under an npm alias (so the module hook, which matches the
// name `openai`, never sees it) and patched through manuallyInstrument, as a bundled app would.
const require = createRequire(import.meta.url);
const instrumentation = new OpenAIInstrumentation({ enabled: false });
const { VERSION } = require('openai-v4/version') as { VERSION: string };

describeOpenAIInstrumentation({
  label: `openai ${VERSION} (npm alias openai-v4) through manuallyInstrument`,
  instrumentation,
  load: () => {
    assert.match(VERSION, /^4\./);
    return require('openai-v4') as OpenAISdk;
  },
  instrument: (sdk) => instrumentation.manuallyInstrument(sdk),
});
