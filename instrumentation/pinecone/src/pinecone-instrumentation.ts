import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  isWrapped,
} from '@opentelemetry/instrumentation';
import { beginRetrieve, callInBegunStage } from '@ragtrace/sdk';
import type { BegunCall } from '@ragtrace/sdk';
import type {
  DescribeCall,
  IndexPrototype,
  PineconeIndex,
  PineconeModuleExports,
  QueryMethod,
} from './internal-types.js';
import { RETRIEVE_METHODS } from './retrieve-options.js';
import type { PineconeInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/** Tested with 2.2.2 (the oldest claimed) and 8.1.0 (the newest that runs on Node 20). */
const SUPPORTED_VERSIONS = ['>=2.2.0 <9'];

function indexPrototypeOf(moduleExports: PineconeModuleExports | undefined): IndexPrototype | undefined {
  const prototype = moduleExports?.Index?.prototype;
  return typeof prototype?.['query'] === 'function' ? prototype : undefined;
}

/** The recorded methods this version of the client has. */
function presentMethods(prototype: IndexPrototype): string[] {
  return Object.keys(RETRIEVE_METHODS).filter((name) => typeof prototype[name] === 'function');
}

/**
 * Makes every `index.query(...)` and `index.searchRecords(...)` a retrieve stage span: the index
 * (and namespace), `topK`, the returned ids and scores, and (with content capture) the search
 * text and the records' metadata or fields. The client's own promise comes back untouched.
 */
export class PineconeInstrumentation extends InstrumentationBase<PineconeInstrumentationConfig> {
  constructor(config: PineconeInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  protected init(): InstrumentationNodeModuleDefinition {
    return new InstrumentationNodeModuleDefinition(
      '@pinecone-database/pinecone',
      SUPPORTED_VERSIONS,
      (moduleExports: PineconeModuleExports) => {
        this.patch(moduleExports);
        return moduleExports;
      },
      (moduleExports: PineconeModuleExports | undefined) => {
        const prototype = indexPrototypeOf(moduleExports);
        if (prototype === undefined) return;
        for (const name of presentMethods(prototype)) {
          if (isWrapped(prototype[name])) this._unwrap(prototype, name);
        }
      },
    );
  }

  /** Patches a module object the app loaded itself (a bundle, or a second copy under an alias). */
  manuallyInstrument(moduleExports: unknown): void {
    this.patch(moduleExports as PineconeModuleExports);
  }

  private patch(moduleExports: PineconeModuleExports): void {
    const prototype = indexPrototypeOf(moduleExports);
    if (prototype === undefined) {
      this._diag.warn('no Index class in @pinecone-database/pinecone: queries are not instrumented');
      return;
    }
    for (const name of presentMethods(prototype)) {
      const describe = RETRIEVE_METHODS[name]!;
      if (isWrapped(prototype[name])) this._unwrap(prototype, name);
      this._wrap(prototype, name, (original: QueryMethod) => this.instrumented(describe, original));
    }
  }

  private instrumented(describe: DescribeCall, original: QueryMethod): QueryMethod {
    // Throws when the index or arguments can't be read: the call then runs un-instrumented.
    const begin = (index: unknown, args: readonly unknown[]): BegunCall => ({
      stage: beginRetrieve(describe((index ?? {}) as PineconeIndex, args), {
        captureContent: this.getConfig().captureContent,
      }),
    });
    const reportBeginFailure = (error: unknown): void =>
      this._diag.error('starting a retrieve stage failed', error);
    return function instrumentedQuery(this: unknown, ...args: unknown[]): unknown {
      return callInBegunStage(
        () => begin(this, args),
        () => original.apply(this, args),
        reportBeginFailure,
      );
    };
  }
}
