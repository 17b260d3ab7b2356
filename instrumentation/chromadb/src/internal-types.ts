/**
 * The parts of chromadb this instrumentation reads, written out so the package compiles against
 * no particular client version. Every field is optional where some version or some response
 * might lack it: the mappers must not assume more than they check.
 */

/** `collection.query(...)`'s argument, in both majors. */
export interface ChromaQueryArgs {
  readonly queryTexts?: string | readonly string[];
  readonly nResults?: number;
}

/** One list per query: 1.x returns a plain object, 3.x a `QueryResult` with the same fields. */
export interface ChromaQueryResult {
  readonly ids?: readonly (readonly string[])[];
  readonly distances?: readonly (readonly (number | null)[])[] | null;
  readonly documents?: readonly (readonly (string | null)[])[] | null;
}

/** The collection the query runs on (`this`); 3.x handles made by id have an empty name. */
export interface ChromaCollection {
  readonly name?: string;
  readonly id?: string;
}

export type QueryMethod = (this: unknown, ...args: unknown[]) => unknown;

export interface CollectionPrototype {
  query: QueryMethod;
}

/**
 * What the package's main module exports: 1.x exports its `Collection` class; 3.x keeps the
 * class (CollectionImpl) private but exports `CollectionHandle`, a subclass whose `query`
 * defers to it.
 */
export interface ChromaModuleExports {
  readonly Collection?: { readonly prototype: CollectionPrototype };
  readonly CollectionHandle?: { readonly prototype: object };
}
