import { startQdrantMockServer } from '@ragtrace/instrumentation-test-kit';
import { setupMemoryTracing } from '@ragtrace/sdk/testing';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { it } from 'node:test';
import { QdrantInstrumentation } from './qdrant-instrumentation.js';
import { describeQdrantInstrumentation } from './test-support/qdrant-suite.js';
import type { QdrantSdk } from './test-support/qdrant-suite.js';

// The oldest version claimed, installed under an npm alias the module hook can't match by name:
// the app-side path, `manuallyInstrument`, patches the module object it loaded.
const require = createRequire(import.meta.url);
const instrumentation = new QdrantInstrumentation({ enabled: false });

// Runs before the suite patches the module, so only this test's instrumentation is in play.
it('hands back the very promise the client method returned', async () => {
  const server = await startQdrantMockServer();
  const tracing = setupMemoryTracing();
  const { QdrantClient } = require('qdrant-client-v1-9') as QdrantSdk;
  const returned: Promise<unknown>[] = [];
  // A spy under the instrumentation, on a subclass so the module's own class stays untouched.
  class SpiedClient extends QdrantClient {
    override search(collection: string, args: object): Promise<unknown> {
      const promise = super.search(collection, args);
      returned.push(promise);
      return promise;
    }
  }
  try {
    new QdrantInstrumentation({ enabled: false }).manuallyInstrument({ QdrantClient: SpiedClient });
    const pending = new SpiedClient({ url: server.url }).search('docs', { vector: [1, 0, 0], limit: 1 });
    assert.equal(pending, returned[0]);
    await pending;
    assert.equal(tracing.spans().length, 1);
  } finally {
    await tracing.shutdown();
    await server.close();
  }
});

describeQdrantInstrumentation({
  label: '@qdrant/js-client-rest 1.9 through manuallyInstrument',
  instrumentation,
  load: () => require('qdrant-client-v1-9') as QdrantSdk,
  instrument: (sdk) => {
    instrumentation.manuallyInstrument(sdk);
    return sdk;
  },
  hasQueryApi: false,
});
