import { isWrapped } from '@opentelemetry/instrumentation';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { CohereInstrumentation } from './cohere-instrumentation.js';
import { describeCohereInstrumentation } from './test-support/cohere-suite.js';
import type { CohereSdk } from './test-support/cohere-suite.js';

// The newest major, loaded the way an app loads it: enabled first, then require-in-the-middle
// patches the module as it is required. disable()/enable() unpatch and re-patch it in place.
const require = createRequire(import.meta.url);
const instrumentation = new CohereInstrumentation();
type Patchable = { CohereClient: { prototype: { rerank: () => unknown } } };

describeCohereInstrumentation({
  label: 'cohere-ai 8.1 through the module hook',
  instrumentation,
  load: () => {
    const sdk = require('cohere-ai') as CohereSdk & Patchable;
    assert.ok(isWrapped(sdk.CohereClient.prototype.rerank), 'patched on require');
    instrumentation.disable();
    assert.equal(isWrapped(sdk.CohereClient.prototype.rerank), false, 'unpatched on disable');
    return sdk;
  },
  instrument: () => instrumentation.enable(),
});
