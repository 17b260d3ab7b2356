import { diag } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { createRequire } from 'node:module';
import type { CatalogEntry } from './instrumentation-catalog.js';

/** Loads a module synchronously by specifier (`require`, which also loads ESM without top-level await). */
export type ModuleLoader = (specifier: string) => unknown;

/**
 * Synchronous on purpose: the register entry must have every library hook in place before the app's
 * first import runs, and it cannot await (that would make `--require` fail on an async graph).
 */
const requireFromHere: ModuleLoader = createRequire(import.meta.url);

/**
 * Loads an instrumentation package and constructs its class with the default config (which
 * enables it). Anything unexpected — a package that fails to load, a missing export, a class
 * that does not behave like an OTel instrumentation — is reported to diag and yields undefined:
 * the app then runs with that library un-instrumented.
 */
export function loadInstrumentation(
  entry: CatalogEntry,
  load: ModuleLoader = requireFromHere,
): Instrumentation | undefined {
  try {
    const exported = (load(entry.instrumentationPackage) as Record<string, unknown>)[entry.exportName];
    if (typeof exported !== 'function') {
      throw new TypeError(`${entry.instrumentationPackage} exports no class ${entry.exportName}`);
    }
    const instance = new (exported as new () => unknown)();
    if (!isInstrumentation(instance)) {
      throw new TypeError(`${entry.exportName} is not an OpenTelemetry instrumentation`);
    }
    return instance;
  } catch (error) {
    diag.warn(`@ragtrace/auto/register: instrumentation '${entry.name}' not enabled: ${String(error)}`);
    return undefined;
  }
}

function isInstrumentation(value: unknown): value is Instrumentation {
  const candidate = value as Partial<Record<keyof Instrumentation, unknown>> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.instrumentationName === 'string' &&
    typeof candidate.enable === 'function' &&
    typeof candidate.disable === 'function' &&
    typeof candidate.setTracerProvider === 'function'
  );
}
