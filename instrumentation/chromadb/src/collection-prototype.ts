import type { ChromaModuleExports, CollectionPrototype } from './internal-types.js';

function hasOwnQuery(prototype: unknown): prototype is CollectionPrototype {
  return (
    typeof prototype === 'object' &&
    prototype !== null &&
    Object.hasOwn(prototype, 'query') &&
    typeof (prototype as { query?: unknown }).query === 'function'
  );
}

/**
 * The prototype that holds every collection's `query`: 1.x's `Collection`, or in 3.x the parent
 * of `CollectionHandle` (the class `getCollection`/`createCollection` return), so handles, whose
 * `query` calls `super.query`, are recorded once.
 */
export function collectionPrototypeOf(
  moduleExports: ChromaModuleExports | undefined,
): CollectionPrototype | undefined {
  const legacy = moduleExports?.Collection?.prototype;
  if (hasOwnQuery(legacy)) return legacy;
  const handle = moduleExports?.CollectionHandle?.prototype;
  const base: unknown = handle === undefined ? undefined : Object.getPrototypeOf(handle);
  return hasOwnQuery(base) ? base : undefined;
}
