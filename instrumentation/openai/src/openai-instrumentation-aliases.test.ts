import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { OpenAIInstrumentation } from './openai-instrumentation.js';
import type { OpenAISdk } from './test-support/openai-sdk.js';
import { describeOpenAIInstrumentation } from './test-support/openai-suite.js';

// The older majors claimed, each installed under an npm alias (so the module hook, which matches
// the name `openai`, never sees them) and patched through manuallyInstrument, as a bundled app
// would. The newest major is tested through the require hook in openai-instrumentation.test.ts.
const require = createRequire(import.meta.url);

for (const { alias, major } of [
  { alias: 'openai-v4', major: 4 },
  { alias: 'openai-v5', major: 5 },
]) {
  const instrumentation = new OpenAIInstrumentation({ enabled: false });
  const { VERSION } = require(`${alias}/version`) as { VERSION: string };
  describeOpenAIInstrumentation({
    label: `openai ${VERSION} (npm alias ${alias}) through manuallyInstrument`,
    instrumentation,
    load: () => {
      assert.equal(Number(VERSION.split('.')[0]), major);
      return require(alias) as OpenAISdk;
    },
    instrument: (sdk) => instrumentation.manuallyInstrument(sdk),
  });
}
