import type { DashboardSpec } from '../builder/dashboard-spec.js';
import { higherIsWorse, NEUTRAL } from '../builder/thresholds.js';
import { spanFilters } from './common/span-filters.js';
import { GENAI_SPANS } from './common/tables.js';
import { traceViewLink } from './common/trace-link.js';
import {
  datasourceVariable,
  experimentVariable,
  modelVariable,
  runVariable,
  serviceVariable,
  stageVariable,
} from './common/variables.js';

const FILTERS = spanFilters('time', 'service', 'stage', 'model', 'experiment', 'run');

/** Latency an SRE would call slow for one RAG stage, in ms: orange above 1 s, red above 3 s. */
const STAGE_LATENCY_MS = higherIsWorse(1000, 3000);
const ERROR_RATE = higherIsWorse(0.01, 0.05);

export const ragOverview: DashboardSpec = {
  uid: 'ragtrace-rag-overview',
  title: 'ragtrace / RAG overview',
  description: 'Requests, latency and errors of each RAG stage, and the slowest traces.',
  tags: ['rag'],
  timeFrom: 'now-6h',
  variables: [
    datasourceVariable,
    serviceVariable,
    experimentVariable,
    runVariable,
    modelVariable,
    stageVariable,
  ],
  panels: [
    {
      kind: 'stat',
      title: 'Requests',
      description: 'Traces (one per request to the RAG app) with at least one GenAI span in the time range.',
      width: 6,
      height: 4,
      thresholds: NEUTRAL,
      unit: 'short',
      query: {
        sql: `SELECT uniqExact(TraceId) AS requests FROM ${GENAI_SPANS} WHERE ${FILTERS}`,
        format: 'table',
        expectedColumns: ['requests'],
      },
    },
    {
      kind: 'stat',
      title: 'Span error rate',
      description: 'Share of GenAI spans whose status is Error. Orange above 1 %, red above 5 %.',
      width: 6,
      height: 4,
      unit: 'percentunit',
      decimals: 2,
      thresholds: ERROR_RATE,
      query: {
        sql: `SELECT countIf(StatusCode = 'Error') / greatest(count(), 1) AS error_rate FROM ${GENAI_SPANS} WHERE ${FILTERS}`,
        format: 'table',
        expectedColumns: ['error_rate'],
      },
    },
    {
      kind: 'stat',
      title: 'p95 generate latency',
      description: '95th percentile duration of generate (LLM call) spans. Orange above 1 s, red above 3 s.',
      width: 6,
      height: 4,
      unit: 'ms',
      thresholds: STAGE_LATENCY_MS,
      query: {
        sql: `SELECT quantile(0.95)(Duration) / 1e6 AS p95_ms FROM ${GENAI_SPANS} WHERE ${FILTERS} AND Stage = 'generate'`,
        format: 'table',
        expectedColumns: ['p95_ms'],
      },
    },
    {
      kind: 'stat',
      title: 'Spans',
      description: 'GenAI and RAG spans (one per embed, retrieve, rerank, generate, tool or agent step).',
      width: 6,
      height: 4,
      unit: 'short',
      thresholds: NEUTRAL,
      query: {
        sql: `SELECT count() AS spans FROM ${GENAI_SPANS} WHERE ${FILTERS}`,
        format: 'table',
        expectedColumns: ['spans'],
      },
    },
    {
      kind: 'timeseries',
      title: 'Requests over time',
      description: 'Traces started per interval (the interval follows the time range and panel width).',
      width: 12,
      height: 8,
      unit: 'short',
      query: {
        sql: `SELECT $__timeInterval(Timestamp) AS time, uniqExact(TraceId) AS requests
FROM ${GENAI_SPANS}
WHERE ${FILTERS}
GROUP BY time
ORDER BY time`,
        format: 'timeseries',
        expectedColumns: ['time', 'requests'],
      },
    },
    {
      kind: 'timeseries',
      title: 'Error rate per stage',
      description:
        'Share of spans with status Error, per RAG stage and interval. Orange above 1 %, red above 5 %.',
      width: 12,
      height: 8,
      unit: 'percentunit',
      min: 0,
      thresholds: ERROR_RATE,
      query: {
        sql: `SELECT $__timeInterval(Timestamp) AS time, Stage, countIf(StatusCode = 'Error') / count() AS error_rate
FROM ${GENAI_SPANS}
WHERE ${FILTERS}
GROUP BY time, Stage
ORDER BY time`,
        format: 'timeseries',
        expectedColumns: ['time', 'Stage', 'error_rate'],
      },
    },
    {
      kind: 'timeseries',
      title: 'Latency p50 / p95 / p99 per stage',
      description:
        'Span duration percentiles per RAG stage and interval, in milliseconds. A p99 far above p50 means a few slow requests (cold caches, retries, long outputs).',
      width: 24,
      height: 9,
      unit: 'ms',
      thresholds: STAGE_LATENCY_MS,
      query: {
        sql: `SELECT $__timeInterval(Timestamp) AS time, Stage,
  quantile(0.5)(Duration) / 1e6 AS p50,
  quantile(0.95)(Duration) / 1e6 AS p95,
  quantile(0.99)(Duration) / 1e6 AS p99
FROM ${GENAI_SPANS}
WHERE ${FILTERS}
GROUP BY time, Stage
ORDER BY time`,
        format: 'timeseries',
        expectedColumns: ['time', 'Stage', 'p50', 'p95', 'p99'],
      },
    },
    {
      kind: 'table',
      title: 'Latency per stage',
      description: 'Over the whole time range: spans, errors and duration percentiles of each stage.',
      width: 10,
      height: 9,
      unit: 'ms',
      thresholds: STAGE_LATENCY_MS,
      fieldUnits: [
        { field: 'spans', unit: 'short' },
        { field: 'errors', unit: 'short' },
      ],
      query: {
        sql: `SELECT Stage, count() AS spans, countIf(StatusCode = 'Error') AS errors,
  quantile(0.5)(Duration) / 1e6 AS p50_ms,
  quantile(0.95)(Duration) / 1e6 AS p95_ms,
  quantile(0.99)(Duration) / 1e6 AS p99_ms
FROM ${GENAI_SPANS}
WHERE ${FILTERS}
GROUP BY Stage
ORDER BY p95_ms DESC`,
        format: 'table',
        expectedColumns: ['Stage', 'spans', 'errors', 'p50_ms', 'p95_ms', 'p99_ms'],
      },
    },
    {
      kind: 'table',
      title: 'Slowest traces',
      description:
        'The 20 traces whose longest GenAI span took the most time. Click a trace id to open it in the trace view.',
      width: 14,
      height: 9,
      unit: 'ms',
      thresholds: STAGE_LATENCY_MS,
      fieldUnits: [
        { field: 'start', unit: 'dateTimeAsIso' },
        { field: 'spans', unit: 'short' },
        { field: 'errors', unit: 'short' },
      ],
      links: [traceViewLink('TraceId')],
      query: {
        sql: `SELECT TraceId, any(ServiceName) AS service, min(Timestamp) AS start,
  max(Duration) / 1e6 AS duration_ms, count() AS spans, countIf(StatusCode = 'Error') AS errors
FROM ${GENAI_SPANS}
WHERE ${FILTERS}
GROUP BY TraceId
ORDER BY duration_ms DESC
LIMIT 20`,
        format: 'table',
        expectedColumns: ['TraceId', 'service', 'start', 'duration_ms', 'spans', 'errors'],
      },
    },
  ],
};
