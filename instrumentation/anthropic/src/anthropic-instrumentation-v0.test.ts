import { createRequire } from 'node:module';
import { AnthropicInstrumentation } from './anthropic-instrumentation.js';
import { describeAnthropicInstrumentation } from './test-support/anthropic-suite.js';
import type { AnthropicSdk } from './test-support/anthropic-suite.js';

// The oldest major we claim, installed under an npm alias, patched through manuallyInstrument.
const require = createRequire(import.meta.url);
const instrumentation = new AnthropicInstrumentation({ enabled: false });

describeAnthropicInstrumentation({
  label: '@anthropic-ai/sdk 0.30 through manuallyInstrument',
  instrumentation,
  load: () => require('anthropic-sdk-v0') as AnthropicSdk,
  instrument: (sdk) => {
    instrumentation.manuallyInstrument(sdk);
    return sdk;
  },
  ownSpanNames: [],
});
