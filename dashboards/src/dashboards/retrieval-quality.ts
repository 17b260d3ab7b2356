import type { DashboardSpec } from '../builder/dashboard-spec.js';
import { higherIsWorse, NEUTRAL } from '../builder/thresholds.js';
import { spanFilters } from './common/span-filters.js';
import { GENAI_RETRIEVED_DOCUMENTS, GENAI_SPANS } from './common/tables.js';
import {
  datasourceVariable,
  experimentVariable,
  runVariable,
  serviceVariable,
  stageVariable,
} from './common/variables.js';

const FILTERS = spanFilters('time', 'service', 'experiment', 'run');
const RETRIEVALS = `${FILTERS}\n  AND Stage = 'retrieve'`;
const RETRIEVE_AND_RERANK = `${FILTERS}\n  AND Stage IN ('retrieve', 'rerank')\n  AND ${spanFilters('stage')}`;
/** Retrieval is on the request path before the LLM call: orange above 200 ms, red above 1 s. */
const RETRIEVAL_LATENCY_MS = higherIsWorse(200, 1000);
const EMPTY_SHARE = higherIsWorse(0.01, 0.1);

export const retrievalQuality: DashboardSpec = {
  uid: 'ragtrace-retrieval',
  title: 'ragtrace / Retrieval quality',
  description:
    'Retrieval and rerank latency, top-k and documents returned, empty retrievals and retrieved-document scores per data source.',
  tags: ['rag', 'retrieval'],
  timeFrom: 'now-6h',
  variables: [datasourceVariable, serviceVariable, experimentVariable, runVariable, stageVariable],
  panels: [
    {
      kind: 'stat',
      title: 'Retrievals',
      description: 'Retrieve spans (vector-store or search queries) in the time range.',
      width: 8,
      height: 4,
      unit: 'short',
      thresholds: NEUTRAL,
      query: {
        sql: `SELECT count() AS retrievals FROM ${GENAI_SPANS} WHERE ${RETRIEVALS}`,
        format: 'table',
        expectedColumns: ['retrievals'],
      },
    },
    {
      kind: 'stat',
      title: 'Empty retrievals',
      description:
        'Share of retrievals that returned no document: the LLM then answers without context. Orange above 1 %, red above 10 %.',
      width: 8,
      height: 4,
      unit: 'percentunit',
      decimals: 2,
      thresholds: EMPTY_SHARE,
      query: {
        sql: `SELECT countIf(DocumentCount = 0) / greatest(count(), 1) AS empty_share FROM ${GENAI_SPANS} WHERE ${RETRIEVALS}`,
        format: 'table',
        expectedColumns: ['empty_share'],
      },
    },
    {
      kind: 'stat',
      title: 'p95 retrieval latency',
      description: '95th percentile duration of retrieve spans. Orange above 200 ms, red above 1 s.',
      width: 8,
      height: 4,
      unit: 'ms',
      thresholds: RETRIEVAL_LATENCY_MS,
      query: {
        sql: `SELECT quantile(0.95)(Duration) / 1e6 AS p95_ms FROM ${GENAI_SPANS} WHERE ${RETRIEVALS}`,
        format: 'table',
        expectedColumns: ['p95_ms'],
      },
    },
    {
      kind: 'timeseries',
      title: 'Retrieval and rerank latency',
      description: 'p50 and p95 span duration of the retrieve and rerank stages, in milliseconds.',
      width: 12,
      height: 8,
      unit: 'ms',
      thresholds: RETRIEVAL_LATENCY_MS,
      query: {
        sql: `SELECT $__timeInterval(Timestamp) AS time, Stage,
  quantile(0.5)(Duration) / 1e6 AS p50, quantile(0.95)(Duration) / 1e6 AS p95
FROM ${GENAI_SPANS}
WHERE ${RETRIEVE_AND_RERANK}
GROUP BY time, Stage
ORDER BY time`,
        format: 'timeseries',
        expectedColumns: ['time', 'Stage', 'p50', 'p95'],
      },
    },
    {
      kind: 'timeseries',
      title: 'Top-k requested and documents returned',
      description:
        'Mean top-k asked for (gen_ai.request.top_k) and documents actually returned (retrieve) or kept (rerank). Returned well below top-k means a thin index or a strict filter.',
      width: 12,
      height: 8,
      unit: 'short',
      query: {
        sql: `SELECT $__timeInterval(Timestamp) AS time, Stage, avg(TopK) AS top_k, avg(DocumentCount) AS documents
FROM ${GENAI_SPANS}
WHERE ${RETRIEVE_AND_RERANK}
GROUP BY time, Stage
ORDER BY time`,
        format: 'timeseries',
        expectedColumns: ['time', 'Stage', 'top_k', 'documents'],
      },
    },
    {
      kind: 'timeseries',
      title: 'Empty retrievals over time',
      description: 'Retrievals per interval that returned no document.',
      width: 12,
      height: 8,
      unit: 'short',
      thresholds: higherIsWorse(1, 10),
      query: {
        sql: `SELECT $__timeInterval(Timestamp) AS time, countIf(DocumentCount = 0) AS empty_retrievals
FROM ${GENAI_SPANS}
WHERE ${RETRIEVALS}
GROUP BY time
ORDER BY time`,
        format: 'timeseries',
        expectedColumns: ['time', 'empty_retrievals'],
      },
    },
    {
      kind: 'barchart',
      title: 'Documents returned per retrieval, by data source',
      description:
        'How many retrievals returned 0, 1, 2 … documents, one bar colour per data source (gen_ai.data_source.id).',
      width: 12,
      height: 8,
      unit: 'short',
      transformations: [
        {
          id: 'groupingToMatrix',
          options: { columnField: 'data_source', rowField: 'documents', valueField: 'retrievals' },
        },
      ],
      query: {
        sql: `SELECT toString(ifNull(DocumentCount, 0)) AS documents, if(DataSourceId != '', DataSourceId, '(none)') AS data_source,
  count() AS retrievals
FROM ${GENAI_SPANS}
WHERE ${RETRIEVALS}
GROUP BY documents, data_source
ORDER BY toUInt32(documents), data_source`,
        format: 'table',
        expectedColumns: ['documents', 'data_source', 'retrievals'],
      },
    },
    {
      kind: 'barchart',
      title: 'Retrieved-document scores, by data source',
      description:
        'How the scores of retrieved documents spread, in steps of 0.1, one bar colour per data source. Mass sliding towards low scores means queries the index answers poorly.',
      width: 12,
      height: 8,
      unit: 'short',
      transformations: [
        {
          id: 'groupingToMatrix',
          options: { columnField: 'data_source', rowField: 'score', valueField: 'documents' },
        },
      ],
      query: {
        sql: `SELECT toString(floor(Score * 10) / 10) AS score, if(DataSourceId != '', DataSourceId, '(none)') AS data_source,
  count() AS documents
FROM ${GENAI_RETRIEVED_DOCUMENTS}
WHERE ${RETRIEVALS}
  AND Score IS NOT NULL
GROUP BY score, data_source
ORDER BY toFloat64(score), data_source`,
        format: 'table',
        expectedColumns: ['score', 'data_source', 'documents'],
      },
    },
    {
      kind: 'table',
      title: 'Retrieval per data source',
      description:
        'Per data source over the time range: retrievals, mean top-k and documents, empty results and p95 latency.',
      width: 24,
      height: 7,
      unit: 'short',
      fieldUnits: [
        { field: 'empty_share', unit: 'percentunit' },
        { field: 'p95_ms', unit: 'ms' },
      ],
      query: {
        sql: `SELECT if(DataSourceId != '', DataSourceId, '(none)') AS data_source, count() AS retrievals,
  avg(TopK) AS mean_top_k, avg(DocumentCount) AS mean_documents,
  countIf(DocumentCount = 0) / count() AS empty_share, quantile(0.95)(Duration) / 1e6 AS p95_ms
FROM ${GENAI_SPANS}
WHERE ${RETRIEVALS}
GROUP BY data_source
ORDER BY retrievals DESC`,
        format: 'table',
        expectedColumns: [
          'data_source',
          'retrievals',
          'mean_top_k',
          'mean_documents',
          'empty_share',
          'p95_ms',
        ],
      },
    },
  ],
};
