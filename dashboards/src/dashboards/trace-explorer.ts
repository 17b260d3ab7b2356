import type { DashboardSpec } from '../builder/dashboard-spec.js';
import { spanFilters } from './common/span-filters.js';
import { GENAI_SPANS, OTEL_TRACES, OTEL_TRACES_TRACE_ID_TS } from './common/tables.js';
import { TRACE_EXPLORER_UID, traceViewLink } from './common/trace-link.js';
import {
  datasourceVariable,
  experimentVariable,
  modelVariable,
  runVariable,
  serviceVariable,
  stageVariable,
  statusVariable,
  textboxVariable,
} from './common/variables.js';

const TRACE_ID = '${trace_id:sqlstring}';

/**
 * The one place a panel reads an attribute map: a free-form attribute filter has no typed
 * column, so matching traces are looked up in otel_traces by the key and value typed in.
 */
const ATTRIBUTE_FILTER = `$__conditionalAll(TraceId IN (
    SELECT TraceId FROM ${OTEL_TRACES}
    WHERE $__timeFilter(Timestamp) AND SpanAttributes[\${attribute_key:sqlstring}] = \${attribute_value:sqlstring}
  ), $attribute_key)`;

const FILTERS = `${spanFilters('time', 'service', 'stage', 'model', 'status', 'experiment', 'run')}
  AND $__conditionalAll(SessionId = \${session:sqlstring}, $session)
  AND ${ATTRIBUTE_FILTER}`;

/** Spans of one trace, within the time its spans were written (from the trace-id lookup table). */
const ONE_TRACE = `TraceId = ${TRACE_ID}
  AND Timestamp >= (SELECT min(Start) FROM ${OTEL_TRACES_TRACE_ID_TS} WHERE TraceId = ${TRACE_ID})
  AND Timestamp <= (SELECT max(End) + 1 FROM ${OTEL_TRACES_TRACE_ID_TS} WHERE TraceId = ${TRACE_ID})`;

export const traceExplorer: DashboardSpec = {
  uid: TRACE_EXPLORER_UID,
  title: 'ragtrace / Trace explorer',
  description:
    'Find traces by service, stage, model, status, run, session or any span attribute, and open one in the trace view.',
  tags: ['traces'],
  timeFrom: 'now-1h',
  variables: [
    datasourceVariable,
    serviceVariable,
    stageVariable,
    modelVariable,
    statusVariable,
    experimentVariable,
    runVariable,
    textboxVariable(
      'session',
      'Session',
      'A session / conversation id (gen_ai.conversation.id or session.id); empty: any.',
    ),
    textboxVariable(
      'attribute_key',
      'Attribute',
      'A span attribute key, e.g. gen_ai.prompt.name; with "Value", keeps traces with a span carrying it. Empty: no filter.',
    ),
    textboxVariable('attribute_value', 'Value', 'The value the attribute must have (exact match).'),
    textboxVariable(
      'trace_id',
      'Trace id',
      'The trace shown in the trace view: click a trace id in a table to set it.',
    ),
  ],
  panels: [
    {
      kind: 'table',
      title: 'Matching traces',
      description:
        'Newest 100 traces with at least one GenAI span matching every filter. Click a trace id to open it in the trace view below.',
      width: 24,
      height: 10,
      unit: 'short',
      fieldUnits: [
        { field: 'start', unit: 'dateTimeAsIso' },
        { field: 'duration_ms', unit: 'ms' },
        { field: 'cost_usd', unit: 'currencyUSD' },
      ],
      links: [traceViewLink('TraceId')],
      query: {
        sql: `SELECT TraceId, min(Timestamp) AS start, any(ServiceName) AS service,
  arrayStringConcat(arraySort(groupUniqArray(Stage)), ', ') AS stages,
  arrayStringConcat(arraySort(groupUniqArrayIf(RequestModel, RequestModel != '')), ', ') AS models,
  max(Duration) / 1e6 AS duration_ms, count() AS spans, countIf(StatusCode = 'Error') AS errors,
  sum(ifNull(CostUsd, 0)) AS cost_usd, any(RunId) AS run, any(SessionId) AS session
FROM ${GENAI_SPANS}
WHERE ${FILTERS}
GROUP BY TraceId
ORDER BY start DESC
LIMIT 100`,
        format: 'table',
        expectedColumns: [
          'TraceId',
          'start',
          'service',
          'stages',
          'models',
          'duration_ms',
          'spans',
          'errors',
          'cost_usd',
          'run',
          'session',
        ],
      },
    },
    {
      kind: 'traces',
      title: 'Trace view',
      description:
        'The trace chosen in "Trace id" (every span, GenAI or not, from otel_traces), as a waterfall with attributes.',
      width: 24,
      height: 14,
      query: {
        sql: `SELECT TraceId AS traceID, SpanId AS spanID, ParentSpanId AS parentSpanID, ServiceName AS serviceName,
  SpanName AS operationName, Timestamp AS startTime, Duration / 1e6 AS duration,
  arrayMap(key -> map('key', key, 'value', SpanAttributes[key]), mapKeys(SpanAttributes)) AS tags,
  arrayMap(key -> map('key', key, 'value', ResourceAttributes[key]), mapKeys(ResourceAttributes)) AS serviceTags,
  lower(SpanKind) AS kind, multiIf(StatusCode = 'Error', 2, StatusCode = 'Ok', 1, 0) AS statusCode,
  StatusMessage AS statusMessage
FROM ${OTEL_TRACES}
WHERE ${ONE_TRACE}
ORDER BY startTime`,
        format: 'traces',
        expectedColumns: [
          'traceID',
          'spanID',
          'parentSpanID',
          'serviceName',
          'operationName',
          'startTime',
          'duration',
          'tags',
          'serviceTags',
          'kind',
          'statusCode',
          'statusMessage',
        ],
      },
    },
    {
      kind: 'table',
      title: 'GenAI spans of the trace',
      description:
        'The chosen trace’s GenAI spans in start order: stage, model, tokens, cost and time to first token.',
      width: 24,
      height: 8,
      unit: 'short',
      fieldUnits: [
        { field: 'start', unit: 'dateTimeAsIso' },
        { field: 'duration_ms', unit: 'ms' },
        { field: 'cost_usd', unit: 'currencyUSD' },
        { field: 'time_to_first_token_s', unit: 's' },
      ],
      query: {
        sql: `SELECT Timestamp AS start, Stage, SpanName, RequestModel, Duration / 1e6 AS duration_ms, StatusCode,
  InputTokens, OutputTokens, CacheReadTokens, CostUsd AS cost_usd, TimeToFirstChunk AS time_to_first_token_s,
  DataSourceId, TopK, DocumentCount
FROM ${GENAI_SPANS}
WHERE TraceId = ${TRACE_ID}
ORDER BY start`,
        format: 'table',
        expectedColumns: [
          'start',
          'Stage',
          'SpanName',
          'RequestModel',
          'duration_ms',
          'StatusCode',
          'InputTokens',
          'OutputTokens',
          'CacheReadTokens',
          'cost_usd',
          'time_to_first_token_s',
          'DataSourceId',
          'TopK',
          'DocumentCount',
        ],
      },
    },
  ],
};
