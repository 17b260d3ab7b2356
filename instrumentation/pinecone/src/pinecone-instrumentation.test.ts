import { isWrapped } from '@opentelemetry/instrumentation';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { PineconeInstrumentation } from './pinecone-instrumentation.js';
import { describePineconeInstrumentation } from './test-support/pinecone-suite.js';
import type { PineconeSdk } from './test-support/pinecone-suite.js';

// The newest major, loaded the way an app loads it: enabled first, then require-in-the-middle
// patches the module as it is required. disable()/enable() unpatch and re-patch it in place.
const require = createRequire(import.meta.url);
const instrumentation = new PineconeInstrumentation();
type IndexClass = { Index: { prototype: { query: unknown; searchRecords: unknown } } };

describePineconeInstrumentation({
  label: '@pinecone-database/pinecone 8.1 through the module hook',
  instrumentation,
  load: () => {
    const sdk = require('@pinecone-database/pinecone') as PineconeSdk & IndexClass;
    const { prototype } = sdk.Index;
    assert.ok(isWrapped(prototype.query) && isWrapped(prototype.searchRecords), 'patched on require');
    instrumentation.disable();
    assert.equal(
      isWrapped(prototype.query) || isWrapped(prototype.searchRecords),
      false,
      'unpatched on disable',
    );
    return sdk;
  },
  instrument: (sdk) => {
    instrumentation.enable();
    return sdk;
  },
  hasPerCallNamespace: true,
  hasSearchRecords: true,
});
