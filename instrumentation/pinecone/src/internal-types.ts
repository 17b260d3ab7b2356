import type { RetrieveOptions } from '@ragtrace/sdk';

/**
 * The parts of @pinecone-database/pinecone this instrumentation reads, written out so the package
 * compiles against no particular client version. Every field is optional where some version or
 * some response might lack it: the mappers must not assume more than they check.
 */

/** `index.query(...)`'s argument; `namespace` per call exists from client 6 on. */
export interface PineconeQueryArgs {
  readonly topK?: number;
  readonly namespace?: string;
}

/** `index.searchRecords(...)`'s argument (integrated-inference indexes, client 5+). */
export interface PineconeSearchRecordsArgs {
  readonly namespace?: string;
  readonly query?: {
    readonly topK?: number;
    readonly inputs?: { readonly text?: unknown };
  };
}

export interface PineconeHit {
  readonly _id?: string;
  readonly _score?: number;
  readonly fields?: Record<string, unknown> | null;
}

export interface PineconeSearchRecordsResponse {
  readonly result?: { readonly hits?: readonly PineconeHit[] };
}

export interface PineconeMatch {
  readonly id?: string;
  readonly score?: number;
  readonly metadata?: Record<string, unknown> | null;
}

export interface PineconeQueryResponse {
  readonly matches?: readonly PineconeMatch[];
}

/**
 * What an `Index` knows of its target: 2.x names it `index`, later majors `indexName` (empty when
 * the index was addressed by host only).
 */
export interface PineconeIndexTarget {
  readonly index?: string;
  readonly indexName?: string;
  readonly indexHostUrl?: string;
  readonly namespace?: string;
}

export interface PineconeIndex {
  readonly target?: PineconeIndexTarget;
}

export type QueryMethod = (this: unknown, ...args: unknown[]) => unknown;

/** Builds a call's retrieve options from the `Index` it runs on and its arguments. */
export type DescribeCall = (index: PineconeIndex, args: readonly unknown[]) => RetrieveOptions;

/** Indexed by method name; a name this client version lacks reads as undefined at run time. */
export type IndexPrototype = Record<string, QueryMethod>;

export interface PineconeModuleExports {
  readonly Index?: { readonly prototype: IndexPrototype };
}
