import type { PineconeIndexTarget } from './internal-types.js';

/** What the clients call the namespace a query runs in when none is named (2.x '', later '__default__'). */
const DEFAULT_NAMESPACES = new Set(['', '__default__']);

/**
 * `{index}` for the default namespace, `{index}/{namespace}` for any other — so spans of one
 * index group together by prefix, and tenants' namespaces stay apart. A call's own namespace
 * wins over its index's. An index addressed by host only is named by its host.
 */
export function dataSourceOf(target: PineconeIndexTarget, callNamespace: string | undefined): string {
  const index = target.indexName || target.index || target.indexHostUrl || '';
  const namespace = callNamespace ?? target.namespace ?? '';
  return DEFAULT_NAMESPACES.has(namespace) ? index : `${index}/${namespace}`;
}
