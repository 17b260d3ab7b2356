/**
 * The parts of @qdrant/js-client-rest this instrumentation reads, written out so the package
 * compiles against no particular client version. Every field is optional where some version or
 * some response might lack it: the mappers must not assume more than they check.
 */

export interface QdrantScoredPoint {
  readonly id?: string | number;
  readonly score?: number;
  readonly payload?: Record<string, unknown> | null;
}

export interface QdrantGroup {
  readonly hits?: readonly QdrantScoredPoint[];
}

/** The second argument of the single-query methods; `searches` items of the batch methods. */
export interface QdrantQueryArgs {
  readonly limit?: number;
  /** The universal query API's query: a vector, an id, a `Document` (`{ text, model }`), `{ nearest: … }`… */
  readonly query?: unknown;
  readonly searches?: readonly QdrantQueryArgs[];
}

/** How a method's result holds its points. */
export type ResultShape = 'points' | 'query' | 'groups' | 'points-batch' | 'query-batch';

export interface QueryMethodSpec {
  readonly shape: ResultShape;
  /** The limit the client itself sends when the caller gives none. */
  readonly clientDefaultLimit?: number;
}

export type QdrantMethod = (this: unknown, ...args: unknown[]) => unknown;

/** Indexed by method name; a name this client version lacks reads as undefined at run time. */
export type QdrantClientPrototype = Record<string, QdrantMethod>;

export interface QdrantModuleExports {
  readonly QdrantClient?: { readonly prototype: QdrantClientPrototype };
}
