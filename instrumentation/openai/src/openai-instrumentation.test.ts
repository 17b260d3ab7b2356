import { isWrapped } from '@opentelemetry/instrumentation';
import { startOpenAIMockServer } from '@ragtrace/instrumentation-test-kit';
import { setupMemoryTracing } from '@ragtrace/sdk/testing';
import {
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_RAGTRACE_STREAM_CHUNK_COUNT,
  ATTR_RAGTRACE_STREAM_OUTCOME,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { it } from 'node:test';
import { OpenAIInstrumentation } from './openai-instrumentation.js';
import type { OpenAISdk } from './test-support/openai-sdk.js';
import { describeOpenAIInstrumentation } from './test-support/openai-suite.js';

// The newest major installed, loaded the way an app loads it: enabled first, then
// require-in-the-middle patches the module as it is required. disable()/enable() unpatch and
// re-patch it in place, which gives the suite its uninstrumented baseline.
const require = createRequire(import.meta.url);
const instrumentation = new OpenAIInstrumentation();
const { VERSION } = require('openai/version') as { VERSION: string };

interface Create {
  readonly prototype: { readonly create: () => unknown };
}
interface PatchedClasses {
  readonly OpenAI: {
    readonly Chat: { readonly Completions: Create };
    readonly Responses: Create;
    readonly Embeddings: Create;
  };
}

function patchedStates(sdk: PatchedClasses): boolean[] {
  const { Chat, Responses, Embeddings } = sdk.OpenAI;
  return [Chat.Completions, Responses, Embeddings].map((resource) => isWrapped(resource.prototype.create));
}

describeOpenAIInstrumentation({
  label: `openai ${VERSION} through the module hook`,
  instrumentation,
  load: () => {
    assert.match(VERSION, /^6\./);
    const sdk = require('openai') as OpenAISdk & PatchedClasses;
    assert.deepEqual(patchedStates(sdk), [true, true, true], 'patched on require');
    instrumentation.disable();
    assert.deepEqual(patchedStates(sdk), [false, false, false], 'unpatched on disable');
    return sdk;
  },
  instrument: (sdk) => {
    instrumentation.enable();
    assert.deepEqual(
      patchedStates(sdk as OpenAISdk & PatchedClasses),
      [true, true, true],
      're-patched on enable',
    );
  },
});

interface Helpers {
  readonly OpenAI: new (options: object) => {
    chat: {
      completions: {
        stream(params: object): { finalChatCompletion(): Promise<unknown> };
        create(params: object): Promise<AsyncIterable<unknown>>;
      };
    };
    responses: { stream(params: object): { finalResponse(): Promise<unknown> } };
  };
}

it("covers the SDK's own helpers built on create, and records an abandoned stream", async () => {
  const server = await startOpenAIMockServer();
  const tracing = setupMemoryTracing();
  try {
    const { OpenAI } = require('openai') as Helpers;
    const client = new OpenAI({ apiKey: 'k', baseURL: `${server.url}/v1`, maxRetries: 0 });
    const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi there' }] };
    await client.chat.completions.stream(ask).finalChatCompletion();
    await client.responses.stream({ model: 'gpt-4o-mini', input: 'hi there' }).finalResponse();
    for await (const chunk of await client.chat.completions.create({ ...ask, stream: true })) {
      assert.ok(chunk);
      break;
    }
    const [chatHelper, responsesHelper, abandoned] = tracing.spans();
    for (const span of [chatHelper!, responsesHelper!]) {
      assert.equal(span.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'completed');
      assert.deepEqual(span.attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS], ['stop']);
    }
    assert.equal(abandoned!.attributes[ATTR_RAGTRACE_STREAM_OUTCOME], 'abandoned');
    assert.equal(abandoned!.attributes[ATTR_RAGTRACE_STREAM_CHUNK_COUNT], 1);
  } finally {
    await tracing.shutdown();
    await server.close();
  }
});
