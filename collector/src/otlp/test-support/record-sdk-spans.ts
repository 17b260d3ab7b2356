import {
  createTraceState,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type HrTime,
} from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { SpanRow } from '../../storage/span-row.js';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';

// Ids and times are fixed so expectations can be written out by hand; only the SDK-made
// span ids of the two spans differ from run to run, and tests read those from the spans.
export const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
export const REMOTE_PARENT_SPAN_ID = 'b7ad6b7169203331';
export const LINKED_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
export const LINKED_SPAN_ID = '00f067aa0ba902b7';
const SHARED_TRACE_STATE = 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE';

const START: HrTime = [1_700_000_000, 123_456_789];
const EVENT_TIME: HrTime = [1_700_000_000, 223_456_780];
const END: HrTime = [1_700_000_001, 23_456_790];
const CHILD_START: HrTime = [1_700_000_000, 500_000_001];
const CHILD_END: HrTime = [1_700_000_000, 500_000_002];

/**
 * Records two spans with the real OTel JS SDK: a server span under a remote parent, carrying
 * attributes of every type the SDK accepts, an event, a link and an error status; and an
 * internal child span of it from another instrumentation scope.
 */
export function recordSdkSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'rag-api',
      'service.instance.id': 7,
      'deployment.canary': false,
      'host.load': 0.25,
      'process.command_args': ['node', 'server.js'],
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const remoteParent = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: TRACE_ID,
    spanId: REMOTE_PARENT_SPAN_ID,
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
    traceState: createTraceState(SHARED_TRACE_STATE),
  });
  const server = provider.getTracer('ragtrace-test', '1.4.2').startSpan(
    'POST /answer',
    {
      kind: SpanKind.SERVER,
      startTime: START,
      attributes: {
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.request.temperature': 0.7,
        'gen_ai.request.max_tokens': 512,
        'gen_ai.usage.input_tokens': -3,
        'ragtrace.cached': true,
        'ragtrace.scores': [0.5, 1, 2.25],
        'ragtrace.tags': ['a', 'b"c', '<x>'],
        'ragtrace.flags': [true, false],
        'ragtrace.sparse': ['x', null, 'y'],
        'ragtrace.tiny': 1e-7,
      },
      links: [
        {
          context: {
            traceId: LINKED_TRACE_ID,
            spanId: LINKED_SPAN_ID,
            traceFlags: TraceFlags.NONE,
            traceState: createTraceState('vendor=opaque'),
          },
          attributes: { 'link.reason': 'retrieved-from', 'link.rank': 2 },
        },
      ],
    },
    remoteParent,
  );
  server.addEvent(
    'gen_ai.evaluation.result',
    { 'gen_ai.evaluation.score.value': 0.9, label: 'good' },
    EVENT_TIME,
  );
  server.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream timed out' });

  const child = provider
    .getTracer('ragtrace-retriever')
    .startSpan('retrieve', { startTime: CHILD_START }, trace.setSpan(ROOT_CONTEXT, server));
  child.end(CHILD_END);
  server.end(END);
  return exporter.getFinishedSpans();
}

const RESOURCE_ATTRIBUTES = {
  'service.name': 'rag-api',
  'service.instance.id': '7',
  'deployment.canary': 'false',
  'host.load': '0.25',
  'process.command_args': '["node","server.js"]',
};

/** The rows the ClickHouse exporter would store for recordSdkSpans(), written out by hand. */
export function expectedSdkRows(
  serverSpanId: string,
  childSpanId: string,
): Record<'server' | 'child', SpanRow> {
  return {
    server: {
      Timestamp: '1700000000123456789',
      TraceId: TRACE_ID,
      SpanId: serverSpanId,
      ParentSpanId: REMOTE_PARENT_SPAN_ID,
      TraceState: SHARED_TRACE_STATE,
      SpanName: 'POST /answer',
      SpanKind: 'Server',
      ServiceName: 'rag-api',
      ResourceAttributes: RESOURCE_ATTRIBUTES,
      ScopeName: 'ragtrace-test',
      ScopeVersion: '1.4.2',
      SpanAttributes: {
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.request.temperature': '0.7',
        'gen_ai.request.max_tokens': '512',
        'gen_ai.usage.input_tokens': '-3',
        'ragtrace.cached': 'true',
        'ragtrace.scores': '[0.5,1,2.25]',
        'ragtrace.tags': '["a","b\\"c","<x>"]',
        'ragtrace.flags': '[true,false]',
        'ragtrace.sparse': '["x",null,"y"]',
        'ragtrace.tiny': '1e-7',
      },
      Duration: '900000001',
      StatusCode: 'Error',
      StatusMessage: 'upstream timed out',
      'Events.Timestamp': ['1700000000223456780'],
      'Events.Name': ['gen_ai.evaluation.result'],
      'Events.Attributes': [{ 'gen_ai.evaluation.score.value': '0.9', label: 'good' }],
      'Links.TraceId': [LINKED_TRACE_ID],
      'Links.SpanId': [LINKED_SPAN_ID],
      'Links.TraceState': ['vendor=opaque'],
      'Links.Attributes': [{ 'link.reason': 'retrieved-from', 'link.rank': '2' }],
    },
    child: {
      Timestamp: '1700000000500000001',
      TraceId: TRACE_ID,
      SpanId: childSpanId,
      ParentSpanId: serverSpanId,
      TraceState: SHARED_TRACE_STATE,
      SpanName: 'retrieve',
      SpanKind: 'Internal',
      ServiceName: 'rag-api',
      ResourceAttributes: RESOURCE_ATTRIBUTES,
      ScopeName: 'ragtrace-retriever',
      ScopeVersion: '',
      SpanAttributes: {},
      Duration: '1',
      StatusCode: 'Unset',
      StatusMessage: '',
      'Events.Timestamp': [],
      'Events.Name': [],
      'Events.Attributes': [],
      'Links.TraceId': [],
      'Links.SpanId': [],
      'Links.TraceState': [],
      'Links.Attributes': [],
    },
  };
}
