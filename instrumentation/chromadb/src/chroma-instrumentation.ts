import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  isWrapped,
} from '@opentelemetry/instrumentation';
import { beginRetrieve, callInBegunStage } from '@ragtrace/sdk';
import type { BegunCall } from '@ragtrace/sdk';
import { collectionPrototypeOf } from './collection-prototype.js';
import type { ChromaCollection, ChromaModuleExports, QueryMethod } from './internal-types.js';
import { retrieveOptionsOf } from './retrieve-options.js';
import type { ChromaInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/**
 * Tested with 1.10.5 (the oldest line claimed) and 3.5.0 (the newest). 2.x is not claimed: it
 * was not tested.
 */
const SUPPORTED_VERSIONS = ['>=1.9.4 <2', '>=3.0.0 <4'];

/**
 * Makes every `collection.query(...)` a retrieve stage span: the collection, `nResults`, the
 * returned ids and distances, and (with content capture) the query texts and documents. The
 * client's own promise comes back untouched.
 */
export class ChromaInstrumentation extends InstrumentationBase<ChromaInstrumentationConfig> {
  constructor(config: ChromaInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  protected init(): InstrumentationNodeModuleDefinition {
    return new InstrumentationNodeModuleDefinition(
      'chromadb',
      SUPPORTED_VERSIONS,
      (moduleExports: ChromaModuleExports) => {
        this.patch(moduleExports);
        return moduleExports;
      },
      (moduleExports: ChromaModuleExports | undefined) => {
        const prototype = collectionPrototypeOf(moduleExports);
        if (prototype !== undefined && isWrapped(prototype.query)) this._unwrap(prototype, 'query');
      },
    );
  }

  /** Patches a module object the app loaded itself (a bundle, or a second copy under an alias). */
  manuallyInstrument(moduleExports: unknown): void {
    this.patch(moduleExports as ChromaModuleExports);
  }

  private patch(moduleExports: ChromaModuleExports): void {
    const prototype = collectionPrototypeOf(moduleExports);
    if (prototype === undefined) {
      this._diag.warn('no collection class in chromadb: queries are not instrumented');
      return;
    }
    if (isWrapped(prototype.query)) this._unwrap(prototype, 'query');
    this._wrap(prototype, 'query', (original) => this.instrumented(original));
  }

  private instrumented(original: QueryMethod): QueryMethod {
    // Throws when the collection or arguments can't be read: the call then runs un-instrumented.
    const begin = (collection: unknown, args: readonly unknown[]): BegunCall => ({
      stage: beginRetrieve(retrieveOptionsOf((collection ?? {}) as ChromaCollection, args), {
        captureContent: this.getConfig().captureContent,
      }),
    });
    const reportBeginFailure = (error: unknown): void =>
      this._diag.error('starting a retrieve stage failed', error);
    return function query(this: unknown, ...args: unknown[]): unknown {
      return callInBegunStage(
        () => begin(this, args),
        () => original.apply(this, args),
        reportBeginFailure,
      );
    };
  }
}
