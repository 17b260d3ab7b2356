import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
  isWrapped,
} from '@opentelemetry/instrumentation';
import { configureWithHandler } from './callback-manager-patch.js';
import type { CallbackManagerModuleExports } from './internal-types.js';
import { RagtraceCallbackHandler } from './ragtrace-callback-handler.js';
import type { LangChainInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/** Tested with 0.3.80 and 1.4.0. */
const SUPPORTED_VERSIONS = ['>=0.3.0 <2'];

/** The callback manager module of both majors, in the CommonJS and the ESM build. */
const CALLBACK_MANAGER_FILES = [
  '@langchain/core/dist/callbacks/manager.cjs',
  '@langchain/core/dist/callbacks/manager.js',
];

/**
 * Adds a {@link RagtraceCallbackHandler} to every LangChain run, so chains, chat models, LLMs,
 * retrievers and tools appear as stage spans without the app passing callbacks. Embeddings are
 * not runs in LangChain (no callbacks fire for them): embed spans come from the provider's own
 * instrumentation, e.g. openai's.
 */
export class LangChainInstrumentation extends InstrumentationBase<LangChainInstrumentationConfig> {
  private readonly handler: RagtraceCallbackHandler;

  constructor(config: LangChainInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
    // Read at each run's start, so setConfig applies to the handler already in use.
    const getConfig = (): LangChainInstrumentationConfig => this.getConfig();
    this.handler = new RagtraceCallbackHandler({
      get captureContent() {
        return getConfig().captureContent;
      },
    });
  }

  protected init(): InstrumentationNodeModuleDefinition {
    const files = CALLBACK_MANAGER_FILES.map(
      (file) =>
        new InstrumentationNodeModuleFile(
          file,
          SUPPORTED_VERSIONS,
          (moduleExports: CallbackManagerModuleExports) => {
            this.patch(moduleExports);
            return moduleExports;
          },
          (moduleExports: CallbackManagerModuleExports | undefined) => this.unpatch(moduleExports),
        ),
    );
    return new InstrumentationNodeModuleDefinition(
      '@langchain/core',
      SUPPORTED_VERSIONS,
      undefined,
      undefined,
      files,
    );
  }

  /**
   * Patches a `@langchain/core/callbacks/manager` module object the app loaded itself (a bundle,
   * an ESM import without the loader hook, or a second copy under an alias).
   */
  manuallyInstrument(callbackManagerModule: unknown): void {
    this.patch(callbackManagerModule as CallbackManagerModuleExports);
  }

  private patch(moduleExports: CallbackManagerModuleExports): void {
    const manager = moduleExports.CallbackManager;
    if (typeof manager?._configureSync !== 'function') {
      this._diag.warn('no CallbackManager._configureSync in @langchain/core: runs are not instrumented');
      return;
    }
    if (isWrapped(manager._configureSync)) this._unwrap(manager, '_configureSync');
    this._wrap(manager, '_configureSync', configureWithHandler(this.handler, this.report));
  }

  private unpatch(moduleExports: CallbackManagerModuleExports | undefined): void {
    const manager = moduleExports?.CallbackManager;
    if (manager !== undefined && isWrapped(manager._configureSync)) this._unwrap(manager, '_configureSync');
  }

  private readonly report = (activity: string, error: unknown): void => {
    this._diag.error(`${activity} failed`, error);
  };
}
