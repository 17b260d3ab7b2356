import { isWrapped } from '@opentelemetry/instrumentation';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { ChromaInstrumentation } from './chroma-instrumentation.js';
import { collectionPrototypeOf } from './collection-prototype.js';
import type { ChromaModuleExports } from './internal-types.js';
import { describeChromaInstrumentation } from './test-support/chroma-suite.js';
import type { ChromaClientApi } from './test-support/chroma-suite.js';

// The newest major, loaded the way an app loads it: enabled first, then require-in-the-middle
// patches the module as it is required. disable()/enable() unpatch and re-patch it in place.
const require = createRequire(import.meta.url);
const instrumentation = new ChromaInstrumentation();
type ChromaSdk = ChromaModuleExports & {
  ChromaClient: new (options: { host: string; port: number; ssl: boolean }) => ChromaClientApi;
};

describeChromaInstrumentation({
  label: 'chromadb 3.5 through the module hook',
  instrumentation,
  load: () => {
    const sdk = require('chromadb') as ChromaSdk;
    const prototype = collectionPrototypeOf(sdk);
    assert.ok(prototype !== undefined && isWrapped(prototype.query), 'patched on require');
    instrumentation.disable();
    assert.equal(isWrapped(prototype.query), false, 'unpatched on disable');
    return sdk;
  },
  instrument: (sdk) => {
    instrumentation.enable();
    return sdk;
  },
  connect: (sdk, url) => {
    const { hostname, port } = new URL(url);
    return new (sdk as ChromaSdk).ChromaClient({ host: hostname, port: Number(port), ssl: false });
  },
});
