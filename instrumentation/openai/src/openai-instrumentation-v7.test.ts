import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { OpenAIInstrumentation } from './openai-instrumentation.js';
import { describeOpenAIHelpers } from './test-support/openai-helpers-suite.js';
import type { OpenAIHelpersSdk } from './test-support/openai-helpers-suite.js';
import type { OpenAISdk } from './test-support/openai-sdk.js';
import { describeOpenAIInstrumentation } from './test-support/openai-suite.js';

// The newest major, installed under the npm alias openai-v7 and patched through
// manuallyInstrument like the older ones (openai-instrumentation-aliases.test.ts), helpers
// included. It needs a newer Node than the oldest ragtrace supports, so on an older Node both
// suites are skipped, saying why; CI runs them on Node 24.
const require = createRequire(import.meta.url);
const { VERSION } = require('openai-v7/version') as { VERSION: string };

/** The oldest Node major the installed 7.x accepts, from its `engines` field (`>=22.0.0`). */
function requiredNodeMajor(): number {
  const manifest = join(dirname(require.resolve('openai-v7/version')), 'package.json');
  const { engines } = JSON.parse(readFileSync(manifest, 'utf8')) as { engines?: { node?: string } };
  const floor = /^>=\s*(\d+)/.exec(engines?.node ?? '');
  assert.ok(floor, `openai ${VERSION} has an engines.node this test does not read: ${engines?.node}`);
  return Number(floor[1]);
}

const needed = requiredNodeMajor();
const skip =
  Number(process.versions.node.split('.')[0]) < needed
    ? `openai ${VERSION} needs Node.js ${needed} or newer, this is ${process.version}`
    : undefined;
const label = `openai ${VERSION} (npm alias openai-v7) through manuallyInstrument`;
const load = (): OpenAISdk => {
  assert.match(VERSION, /^7\./);
  return require('openai-v7') as OpenAISdk;
};

const instrumentation = new OpenAIInstrumentation({ enabled: false });
describeOpenAIInstrumentation({
  label,
  instrumentation,
  skip,
  load,
  instrument: (sdk) => instrumentation.manuallyInstrument(sdk),
});

describeOpenAIHelpers({
  label,
  skip,
  load: () => {
    const sdk = load();
    instrumentation.manuallyInstrument(sdk);
    return sdk as unknown as OpenAIHelpersSdk;
  },
});
