import type { QueryMethodSpec } from './internal-types.js';

/**
 * The QdrantClient methods that run a similarity query and return scored points, each with the
 * shape of its result. `query*` exist from client 1.10 on (`queryGroups` from 1.11); a method a
 * version lacks is skipped. Scroll, retrieve-by-id, count and facet return no ranked hits and
 * are left alone.
 */
export const QUERY_METHODS: Readonly<Record<string, QueryMethodSpec>> = {
  search: { shape: 'points', clientDefaultLimit: 10 },
  recommend: { shape: 'points', clientDefaultLimit: 10 },
  discoverPoints: { shape: 'points' },
  query: { shape: 'query' },
  searchPointGroups: { shape: 'groups' },
  recommendPointGroups: { shape: 'groups' },
  queryGroups: { shape: 'groups' },
  searchBatch: { shape: 'points-batch' },
  recommendBatch: { shape: 'points-batch' },
  recommend_batch: { shape: 'points-batch' },
  discoverBatchPoints: { shape: 'points-batch' },
  queryBatch: { shape: 'query-batch' },
};
