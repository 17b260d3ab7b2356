import { startChromaMockServer } from '@ragtrace/instrumentation-test-kit';
import { setupMemoryTracing } from '@ragtrace/sdk/testing';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { it } from 'node:test';
import { ChromaInstrumentation } from './chroma-instrumentation.js';
import { describeChromaInstrumentation } from './test-support/chroma-suite.js';
import type { ChromaClientApi } from './test-support/chroma-suite.js';

// The oldest major claimed, installed under an npm alias the module hook can't match by name:
// the app-side path, `manuallyInstrument`, patches the module object it loaded.
const require = createRequire(import.meta.url);
const instrumentation = new ChromaInstrumentation({ enabled: false });
type ChromaSdk = { ChromaClient: new (options: { path: string }) => ChromaClientApi };
type CollectionClass = new (...args: never[]) => { query(args: object): Promise<unknown> };

// Runs before the suite patches the module, so only this test's instrumentation is in play.
it('hands back the very promise the collection method returned', async () => {
  const server = await startChromaMockServer();
  const tracing = setupMemoryTracing();
  const sdk = require('chromadb-v1') as ChromaSdk & { Collection: CollectionClass };
  const returned: Promise<unknown>[] = [];
  // A spy under the instrumentation, on a subclass so the module's own class stays untouched.
  class SpiedCollection extends sdk.Collection {
    override query(args: object): Promise<unknown> {
      const promise = super.query(args);
      returned.push(promise);
      return promise;
    }
  }
  try {
    new ChromaInstrumentation({ enabled: false }).manuallyInstrument({ Collection: SpiedCollection });
    const embeddingFunction = { generate: (texts: string[]) => Promise.resolve(texts.map(() => [1, 0, 0])) };
    const docs = await new sdk.ChromaClient({ path: server.url }).getCollection({
      name: 'docs',
      embeddingFunction,
    });
    Object.setPrototypeOf(docs, SpiedCollection.prototype);
    const pending = docs.query({ queryEmbeddings: [[1, 0, 0]], nResults: 1 });
    assert.equal(pending, returned[0]);
    await pending;
    assert.equal(tracing.spans().length, 1);
  } finally {
    await tracing.shutdown();
    await server.close();
  }
});

describeChromaInstrumentation({
  label: 'chromadb 1.10 through manuallyInstrument',
  instrumentation,
  load: () => require('chromadb-v1') as ChromaSdk,
  instrument: (sdk) => {
    instrumentation.manuallyInstrument(sdk);
    return sdk;
  },
  connect: (sdk, url) => new (sdk as ChromaSdk).ChromaClient({ path: url }),
});
