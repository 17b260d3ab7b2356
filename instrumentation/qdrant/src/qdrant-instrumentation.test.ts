import { isWrapped } from '@opentelemetry/instrumentation';
import { startQdrantMockServer } from '@ragtrace/instrumentation-test-kit';
import { setupMemoryTracing } from '@ragtrace/sdk/testing';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { it } from 'node:test';
import { QdrantInstrumentation } from './qdrant-instrumentation.js';
import { describeQdrantInstrumentation } from './test-support/qdrant-suite.js';
import type { QdrantSdk } from './test-support/qdrant-suite.js';

// The newest version, loaded the way an app loads it: enabled first, then require-in-the-middle
// patches the module as it is required. disable()/enable() unpatch and re-patch it in place.
const require = createRequire(import.meta.url);
const instrumentation = new QdrantInstrumentation();
type ClientPrototype = { QdrantClient: { prototype: Record<string, unknown> } };
const PATCHED = [
  'search',
  'recommend',
  'query',
  'searchBatch',
  'recommendBatch',
  'recommend_batch',
  'queryBatch',
];

describeQdrantInstrumentation({
  label: '@qdrant/js-client-rest 1.18 through the module hook',
  instrumentation,
  load: () => {
    const sdk = require('@qdrant/js-client-rest') as QdrantSdk & ClientPrototype;
    const { prototype } = sdk.QdrantClient;
    for (const name of PATCHED) assert.ok(isWrapped(prototype[name]), `${name} patched on require`);
    assert.equal(isWrapped(prototype['scroll']), false, 'scroll returns no ranked hits: left alone');
    instrumentation.disable();
    for (const name of PATCHED)
      assert.equal(isWrapped(prototype[name]), false, `${name} unpatched on disable`);
    return sdk;
  },
  instrument: (sdk) => {
    instrumentation.enable();
    return sdk;
  },
  hasQueryApi: true,
});

it('records nothing while disabled', async () => {
  const server = await startQdrantMockServer();
  const tracing = setupMemoryTracing();
  try {
    const { QdrantClient } = require('@qdrant/js-client-rest') as QdrantSdk;
    instrumentation.disable();
    await new QdrantClient({ url: server.url }).search('docs', { vector: [1, 0, 0], limit: 1 });
    assert.equal(tracing.spans().length, 0);
  } finally {
    instrumentation.enable();
    await tracing.shutdown();
    await server.close();
  }
});
