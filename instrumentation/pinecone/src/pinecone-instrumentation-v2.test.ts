import { startPineconeMockServer } from '@ragtrace/instrumentation-test-kit';
import { setupMemoryTracing } from '@ragtrace/sdk/testing';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { it } from 'node:test';
import { PineconeInstrumentation } from './pinecone-instrumentation.js';
import { describePineconeInstrumentation } from './test-support/pinecone-suite.js';
import type { PineconeSdk } from './test-support/pinecone-suite.js';

// The oldest major claimed, installed under an npm alias the module hook can't match by name:
// the app-side path, `manuallyInstrument`, patches the module object it loaded.
const require = createRequire(import.meta.url);
const instrumentation = new PineconeInstrumentation({ enabled: false });
type IndexClass = new (...args: never[]) => { query(args: object): Promise<unknown> };

// Runs before the suite patches the module, so only this test's instrumentation is in play.
it('hands back the very promise the index method returned', async () => {
  const server = await startPineconeMockServer();
  const tracing = setupMemoryTracing();
  const sdk = require('pinecone-v2') as PineconeSdk & { Index: IndexClass };
  const returned: Promise<unknown>[] = [];
  // A spy under the instrumentation, on a subclass so the module's own class stays untouched.
  class SpiedIndex extends sdk.Index {
    override query(args: object): Promise<unknown> {
      const promise = super.query(args);
      returned.push(promise);
      return promise;
    }
  }
  try {
    new PineconeInstrumentation({ enabled: false }).manuallyInstrument({ Index: SpiedIndex });
    // The client caches each index's host for the process: a name of its own keeps this server's.
    const docs = new sdk.Pinecone({ apiKey: 'test-key', controllerHostUrl: server.url }).index('identity');
    Object.setPrototypeOf(docs, SpiedIndex.prototype);
    const pending = docs.query({ topK: 1, vector: [1, 0, 0] });
    assert.equal(pending, returned[0]);
    await pending;
    assert.equal(tracing.spans().length, 1);
  } finally {
    await tracing.shutdown();
    await server.close();
  }
});

describePineconeInstrumentation({
  label: '@pinecone-database/pinecone 2.2 through manuallyInstrument',
  instrumentation,
  load: () => require('pinecone-v2') as PineconeSdk,
  instrument: (sdk) => {
    instrumentation.manuallyInstrument(sdk);
    return sdk;
  },
  hasPerCallNamespace: false,
  hasSearchRecords: false,
});
