import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  isWrapped,
} from '@opentelemetry/instrumentation';
import { callInBegunStage } from '@ragtrace/sdk';
import type { BegunCall } from '@ragtrace/sdk';
import { observeApiPromise } from '@ragtrace/instrumentation-stainless';
import { startChatCompletion } from './chat-completions-call.js';
import { startEmbeddings } from './embeddings-call.js';
import type {
  CreateMethod,
  OpenAIClientClass,
  OpenAIModuleExports,
  ResourcePrototype,
  StartCall,
} from './internal-types.js';
import { startResponse } from './responses-call.js';
import type { OpenAIInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/** Tested with 4.104.0, 5.23.2, 6.49.0 and 7.60.0 (7.x needs Node 22, so only where the tests run on 22 or newer). */
const SUPPORTED_VERSIONS = ['>=4 <8'];

interface InstrumentedResource {
  readonly name: string;
  readonly prototypeOf: (client: OpenAIClientClass) => ResourcePrototype | undefined;
  readonly start: StartCall;
}

/** Where `create` lives: each resource class hangs off the client class in every major. */
const RESOURCES: readonly InstrumentedResource[] = [
  {
    name: 'chat.completions',
    prototypeOf: (client) => client.Chat?.Completions?.prototype,
    start: startChatCompletion,
  },
  { name: 'responses', prototypeOf: (client) => client.Responses?.prototype, start: startResponse },
  { name: 'embeddings', prototypeOf: (client) => client.Embeddings?.prototype, start: startEmbeddings },
];

/** 4.x exports the client class itself, later majors a module with `OpenAI` (and `default`). */
function clientClassOf(moduleExports: OpenAIModuleExports | undefined): OpenAIClientClass | undefined {
  const candidates = [moduleExports?.OpenAI, moduleExports?.default, moduleExports];
  return candidates.find((candidate) => typeof candidate?.Chat === 'function');
}

function createOf(prototype: ResourcePrototype | undefined): ResourcePrototype | undefined {
  return typeof prototype?.create === 'function' ? prototype : undefined;
}

/**
 * Makes `chat.completions.create`, `responses.create` and `embeddings.create` stage spans on
 * every client (including the calls the SDK's own helpers — `stream()`, `parse()`, `runTools()` —
 * make through them), and hands back the SDK's own `APIPromise` and `Stream` objects.
 */
export class OpenAIInstrumentation extends InstrumentationBase<OpenAIInstrumentationConfig> {
  constructor(config: OpenAIInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  protected init(): InstrumentationNodeModuleDefinition {
    return new InstrumentationNodeModuleDefinition(
      'openai',
      SUPPORTED_VERSIONS,
      (moduleExports: OpenAIModuleExports) => {
        this.patch(moduleExports);
        return moduleExports;
      },
      (moduleExports: OpenAIModuleExports | undefined) => this.unpatch(moduleExports),
    );
  }

  /** Patches a module object the app loaded itself (a bundle, or a second copy under an alias). */
  manuallyInstrument(moduleExports: unknown): void {
    this.patch(moduleExports as OpenAIModuleExports);
  }

  private patch(moduleExports: OpenAIModuleExports): void {
    const client = clientClassOf(moduleExports);
    if (client === undefined) {
      this._diag.warn('no OpenAI client class in the openai module: nothing is instrumented');
      return;
    }
    for (const resource of RESOURCES) {
      const prototype = createOf(resource.prototypeOf(client));
      if (prototype === undefined) {
        // e.g. the Responses API, which 4.x gained only in 4.87.
        this._diag.debug(`openai has no ${resource.name}.create: not instrumented`);
        continue;
      }
      if (isWrapped(prototype.create)) this._unwrap(prototype, 'create');
      this._wrap(prototype, 'create', (original: CreateMethod) =>
        this.instrumentedCreate(original, resource.start),
      );
    }
  }

  private unpatch(moduleExports: OpenAIModuleExports | undefined): void {
    const client = clientClassOf(moduleExports);
    if (client === undefined) return;
    for (const resource of RESOURCES) {
      const prototype = createOf(resource.prototypeOf(client));
      if (prototype !== undefined && isWrapped(prototype.create)) this._unwrap(prototype, 'create');
    }
  }

  private instrumentedCreate(original: CreateMethod, start: StartCall): CreateMethod {
    // Throws when the call can't be described: it then runs un-instrumented, with the app's arguments.
    const begin = (resource: unknown, args: readonly unknown[]): BegunCall => ({
      ...start(resource, args, { config: this.getConfig(), report: this.report }),
      // The APIPromise reads its body only when the app asks: observe it without reading early.
      observe: observeApiPromise,
    });
    const reportBeginFailure = (error: unknown): void => this.report('starting a stage', error);
    // A function, not an arrow: `this` must stay the SDK's resource instance.
    return function create(this: unknown, ...args: unknown[]): unknown {
      return callInBegunStage(
        () => begin(this, args),
        (requestArgs) => original.apply(this, requestArgs === undefined ? args : [...requestArgs]),
        reportBeginFailure,
      );
    };
  }

  private readonly report = (activity: string, error: unknown): void => {
    this._diag.error(`${activity} failed`, error);
  };
}
