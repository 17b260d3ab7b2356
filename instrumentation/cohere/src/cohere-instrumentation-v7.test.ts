import { createRequire } from 'node:module';
import { CohereInstrumentation } from './cohere-instrumentation.js';
import { describeCohereInstrumentation } from './test-support/cohere-suite.js';
import type { CohereSdk } from './test-support/cohere-suite.js';

// The oldest major we claim, installed under an npm alias, patched through manuallyInstrument.
const require = createRequire(import.meta.url);
const instrumentation = new CohereInstrumentation({ enabled: false });

describeCohereInstrumentation({
  label: 'cohere-ai 7.21 through manuallyInstrument',
  instrumentation,
  load: () => require('cohere-ai-v7') as CohereSdk,
  instrument: (sdk) => instrumentation.manuallyInstrument(sdk),
});
