import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  isWrapped,
} from '@opentelemetry/instrumentation';
import { callInBegunStage } from '@ragtrace/sdk';
import type { BegunCall } from '@ragtrace/sdk';
import { startV1Chat, startV1ChatStream, startV2Chat, startV2ChatStream } from './chat-stage.js';
import { startEmbed } from './embed-stage.js';
import type {
  CallStarter,
  ClientMethod,
  CohereClientPrototype,
  CohereModuleExports,
} from './internal-types.js';
import { startRerank } from './rerank-stage.js';
import type { CohereInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/** Tested with 7.21.0 (the oldest claimed) and 8.1.0 (the newest). */
const SUPPORTED_VERSIONS = ['>=7 <9'];

type MethodName = keyof CohereClientPrototype;
const METHODS: readonly MethodName[] = ['chat', 'chatStream', 'embed', 'rerank'];

/** `CohereClient` speaks API v1; `CohereClientV2` binds its methods from a `V2Client`. */
const V1_STAGES: Readonly<Record<MethodName, CallStarter>> = {
  chat: startV1Chat,
  chatStream: startV1ChatStream,
  embed: startEmbed,
  rerank: startRerank,
};
const V2_STAGES: Readonly<Record<MethodName, CallStarter>> = {
  chat: startV2Chat,
  chatStream: startV2ChatStream,
  embed: startEmbed,
  rerank: startRerank,
};

interface PatchTarget {
  readonly prototype: CohereClientPrototype;
  readonly stages: Readonly<Record<MethodName, CallStarter>>;
}

/**
 * The package doesn't export `V2Client`; every `CohereClient` reaches it through its lazy `v2`
 * getter, so a throwaway client (no request is made) leads to the class to patch. Patching it
 * before the app constructs a `CohereClientV2` matters: that constructor binds the methods.
 */
function v2ClientPrototypeOf(moduleExports: CohereModuleExports): CohereClientPrototype | undefined {
  const Client = moduleExports.CohereClient;
  if (Client === undefined) return undefined;
  const v2Client = new Client({ token: 'ragtrace-instrumentation-probe' }).v2;
  return v2Client === undefined ? undefined : (Object.getPrototypeOf(v2Client) as CohereClientPrototype);
}

function patchTargetsOf(moduleExports: CohereModuleExports): PatchTarget[] {
  const targets: PatchTarget[] = [];
  const v1 = moduleExports.CohereClient?.prototype;
  if (v1 !== undefined) targets.push({ prototype: v1, stages: V1_STAGES });
  const v2 = v2ClientPrototypeOf(moduleExports);
  if (v2 !== undefined) targets.push({ prototype: v2, stages: V2_STAGES });
  return targets;
}

/**
 * Makes `chat`/`chatStream` generate stages, `embed` embed stages and `rerank` rerank stages, on
 * both `CohereClient` (API v1) and `CohereClientV2`, handing back the SDK's own promises and streams.
 */
export class CohereInstrumentation extends InstrumentationBase<CohereInstrumentationConfig> {
  constructor(config: CohereInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  protected init(): InstrumentationNodeModuleDefinition {
    return new InstrumentationNodeModuleDefinition(
      'cohere-ai',
      SUPPORTED_VERSIONS,
      (moduleExports: CohereModuleExports) => {
        this.patch(moduleExports);
        return moduleExports;
      },
      (moduleExports: CohereModuleExports | undefined) => {
        if (moduleExports !== undefined) this.unpatch(moduleExports);
      },
    );
  }

  /** Patches a module object the app loaded itself (a bundle, or a second copy under an alias). */
  manuallyInstrument(moduleExports: unknown): void {
    this.patch(moduleExports as CohereModuleExports);
  }

  private patch(moduleExports: CohereModuleExports): void {
    let targets: PatchTarget[];
    try {
      targets = patchTargetsOf(moduleExports);
    } catch (error) {
      this.report('finding the cohere-ai client classes', error);
      return;
    }
    if (targets.length === 0) this._diag.warn('no client classes in cohere-ai: nothing is instrumented');
    for (const { prototype, stages } of targets) {
      for (const name of METHODS) {
        if (typeof prototype[name] !== 'function') continue;
        if (isWrapped(prototype[name])) this._unwrap(prototype, name);
        this._wrap(prototype, name, (original) => this.instrumented(original, stages[name]));
      }
    }
  }

  private unpatch(moduleExports: CohereModuleExports): void {
    try {
      for (const { prototype } of patchTargetsOf(moduleExports)) {
        for (const name of METHODS) if (isWrapped(prototype[name])) this._unwrap(prototype, name);
      }
    } catch (error) {
      this.report('unpatching cohere-ai', error);
    }
  }

  private instrumented(original: ClientMethod, startStage: CallStarter): ClientMethod {
    // Throws when the request can't be read: the call then runs un-instrumented. No `observe`:
    // HttpResponsePromise has parsed the body before it resolves, so the default side branch will do.
    const begin = (request: unknown): BegunCall =>
      startStage(request, { captureContent: this.getConfig().captureContent });
    const reportBeginFailure = (error: unknown): void => this.report('starting a stage', error);
    // A function, not an arrow: `this` must stay the SDK's client instance.
    return function instrumentedMethod(this: unknown, ...args: unknown[]): unknown {
      return callInBegunStage(
        () => begin(args[0]),
        () => original.apply(this, args),
        reportBeginFailure,
      );
    };
  }

  private report(activity: string, error: unknown): void {
    this._diag.error(`${activity} failed`, error);
  }
}
