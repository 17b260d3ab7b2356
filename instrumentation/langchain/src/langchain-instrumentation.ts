import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
  isWrapped,
} from '@opentelemetry/instrumentation';
import { configureWithHandler } from './callback-manager-patch.js';
import type {
  CallbackManagerModuleExports,
  LanguageModelModuleExports,
  LanguageModelPrototype,
} from './internal-types.js';
import { generateRecordedAbove, streamRecordedAbove } from './model-call-patch.js';
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

/** The modules of `BaseChatModel` and `BaseLLM`, in both builds of both majors. */
const LANGUAGE_MODEL_FILES = [
  '@langchain/core/dist/language_models/chat_models.cjs',
  '@langchain/core/dist/language_models/chat_models.js',
  '@langchain/core/dist/language_models/llms.cjs',
  '@langchain/core/dist/language_models/llms.js',
];

function isLanguageModelPrototype(
  prototype: Partial<LanguageModelPrototype> | undefined,
): prototype is LanguageModelPrototype {
  return (
    typeof prototype?._generateUncached === 'function' && typeof prototype._streamIterator === 'function'
  );
}

function modelPrototypesOf(moduleExports: LanguageModelModuleExports | undefined): LanguageModelPrototype[] {
  return [moduleExports?.BaseChatModel?.prototype, moduleExports?.BaseLLM?.prototype].filter(
    isLanguageModelPrototype,
  );
}

/**
 * Adds a {@link RagtraceCallbackHandler} to every LangChain run, so chains, chat models, LLMs,
 * retrievers and tools appear as stage spans without the app passing callbacks. A model's call
 * runs in a context marked "generate recorded above", so a provider instrumentation under it
 * (e.g. openai's) adds no second generate span. Embeddings are not runs in LangChain (no
 * callbacks fire for them): embed spans come from the provider's own instrumentation.
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
    const managerFiles = CALLBACK_MANAGER_FILES.map(
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
    const modelFiles = LANGUAGE_MODEL_FILES.map(
      (file) =>
        new InstrumentationNodeModuleFile(
          file,
          SUPPORTED_VERSIONS,
          (moduleExports: LanguageModelModuleExports) => {
            this.patchModels(moduleExports);
            return moduleExports;
          },
          (moduleExports: LanguageModelModuleExports | undefined) => this.unpatchModels(moduleExports),
        ),
    );
    return new InstrumentationNodeModuleDefinition(
      '@langchain/core',
      SUPPORTED_VERSIONS,
      undefined,
      undefined,
      [...managerFiles, ...modelFiles],
    );
  }

  /**
   * Patches a `@langchain/core/callbacks/manager` module object the app loaded itself (a bundle,
   * an ESM import without the loader hook, or a second copy under an alias). Pass its
   * `language_models/chat_models` and `language_models/llms` modules too, so that provider
   * instrumentations under a model call stand aside for the model's own generate span.
   */
  manuallyInstrument(callbackManagerModule: unknown, ...languageModelModules: unknown[]): void {
    this.patch(callbackManagerModule as CallbackManagerModuleExports);
    for (const module of languageModelModules) this.patchModels(module as LanguageModelModuleExports);
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

  private patchModels(moduleExports: LanguageModelModuleExports): void {
    const prototypes = modelPrototypesOf(moduleExports);
    if (prototypes.length === 0) {
      this._diag.warn('no BaseChatModel or BaseLLM in @langchain/core: provider spans may double model runs');
    }
    for (const prototype of prototypes) {
      if (isWrapped(prototype._generateUncached)) this._unwrap(prototype, '_generateUncached');
      this._wrap(prototype, '_generateUncached', generateRecordedAbove);
      if (isWrapped(prototype._streamIterator)) this._unwrap(prototype, '_streamIterator');
      this._wrap(prototype, '_streamIterator', streamRecordedAbove);
    }
  }

  private unpatchModels(moduleExports: LanguageModelModuleExports | undefined): void {
    for (const prototype of modelPrototypesOf(moduleExports)) {
      if (isWrapped(prototype._generateUncached)) this._unwrap(prototype, '_generateUncached');
      if (isWrapped(prototype._streamIterator)) this._unwrap(prototype, '_streamIterator');
    }
  }

  private readonly report = (activity: string, error: unknown): void => {
    this._diag.error(`${activity} failed`, error);
  };
}
