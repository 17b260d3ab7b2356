import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  isWrapped,
} from '@opentelemetry/instrumentation';
import { beginRetrieve, callInBegunStage } from '@ragtrace/sdk';
import type { BegunCall } from '@ragtrace/sdk';
import type {
  QdrantClientPrototype,
  QdrantMethod,
  QdrantModuleExports,
  QueryMethodSpec,
} from './internal-types.js';
import { QUERY_METHODS } from './query-methods.js';
import { retrieveOptionsOf } from './retrieve-options.js';
import type { QdrantInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/** Tested with 1.9.0 (the oldest claimed) and 1.18.0 (the newest that runs on Node 20). */
const SUPPORTED_VERSIONS = ['>=1.9.0 <2'];

function clientPrototypeOf(
  moduleExports: QdrantModuleExports | undefined,
): QdrantClientPrototype | undefined {
  const prototype = moduleExports?.QdrantClient?.prototype;
  return typeof prototype?.['search'] === 'function' ? prototype : undefined;
}

/** The query methods this version of the client has. */
function presentMethods(prototype: QdrantClientPrototype): string[] {
  return Object.keys(QUERY_METHODS).filter((name) => typeof prototype[name] === 'function');
}

/**
 * Makes every similarity query of a `QdrantClient` (`search`, `recommend`, `discover`, `query`,
 * their grouped and batch forms) a retrieve stage span: the collection, the limit, and the
 * returned point ids and scores. The client's own promise comes back untouched.
 */
export class QdrantInstrumentation extends InstrumentationBase<QdrantInstrumentationConfig> {
  constructor(config: QdrantInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  protected init(): InstrumentationNodeModuleDefinition {
    return new InstrumentationNodeModuleDefinition(
      '@qdrant/js-client-rest',
      SUPPORTED_VERSIONS,
      (moduleExports: QdrantModuleExports) => {
        this.patch(moduleExports);
        return moduleExports;
      },
      (moduleExports: QdrantModuleExports | undefined) => {
        const prototype = clientPrototypeOf(moduleExports);
        if (prototype === undefined) return;
        for (const name of presentMethods(prototype)) {
          if (isWrapped(prototype[name])) this._unwrap(prototype, name);
        }
      },
    );
  }

  /** Patches a module object the app loaded itself (a bundle, or a second copy under an alias). */
  manuallyInstrument(moduleExports: unknown): void {
    this.patch(moduleExports as QdrantModuleExports);
  }

  private patch(moduleExports: QdrantModuleExports): void {
    const prototype = clientPrototypeOf(moduleExports);
    if (prototype === undefined) {
      this._diag.warn('no QdrantClient class in @qdrant/js-client-rest: queries are not instrumented');
      return;
    }
    for (const name of presentMethods(prototype)) {
      const spec = QUERY_METHODS[name]!;
      if (isWrapped(prototype[name])) this._unwrap(prototype, name);
      this._wrap(prototype, name, (original: QdrantMethod) => this.instrumented(spec, original));
    }
  }

  private instrumented(spec: QueryMethodSpec, original: QdrantMethod): QdrantMethod {
    // Throws when the arguments can't be read: the call then runs un-instrumented.
    const begin = (args: readonly unknown[]): BegunCall => ({
      stage: beginRetrieve(retrieveOptionsOf(spec, args), {
        captureContent: this.getConfig().captureContent,
      }),
    });
    const reportBeginFailure = (error: unknown): void =>
      this._diag.error('starting a retrieve stage failed', error);
    return function instrumentedQuery(this: unknown, ...args: unknown[]): unknown {
      return callInBegunStage(
        () => begin(args),
        () => original.apply(this, args),
        reportBeginFailure,
      );
    };
  }
}
