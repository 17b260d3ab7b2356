import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
  type ReadableLogRecord,
} from '@opentelemetry/sdk-logs';
import type { LogRow } from '../../storage/log-row.js';

// Ids and times are fixed so the expected rows can be written out by hand.
export const LOG_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
export const LOG_SPAN_ID = 'b7ad6b7169203331';
const TIME_MS = 1_700_000_000_123;
const OBSERVED_MS = 1_700_000_000_456;
const LINE_MS = 1_700_000_001_000;
const SCOPE_SCHEMA_URL = 'https://opentelemetry.io/schemas/1.37.0';

/**
 * Records two log records with the real OTel JS Logs SDK: an evaluation event inside a sampled
 * span's context, from a scope with attributes and a schema, and a plain log line without
 * trace context and with a structured body.
 */
export function recordSdkLogs(): ReadableLogRecord[] {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'rag-eval', 'service.instance.id': 3 }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const spanContext = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: LOG_TRACE_ID,
    spanId: LOG_SPAN_ID,
    traceFlags: TraceFlags.SAMPLED,
  });
  provider
    .getLogger('evaluator', '2.1.0', {
      schemaUrl: SCOPE_SCHEMA_URL,
      attributes: { 'evaluator.kind': 'judge' },
    })
    .emit({
      eventName: 'gen_ai.evaluation.result',
      timestamp: TIME_MS,
      observedTimestamp: OBSERVED_MS,
      context: spanContext,
      attributes: {
        'gen_ai.evaluation.name': 'faithfulness',
        'gen_ai.evaluation.score.value': 0.85,
        'gen_ai.evaluation.score.label': 'faithful',
        'ragtrace.evaluation.source': 'llm',
      },
    });
  provider.getLogger('app').emit({
    severityNumber: SeverityNumber.WARN2,
    severityText: 'WARN',
    body: { message: 'slow retrieval', ms: 1234 },
    timestamp: LINE_MS,
    context: ROOT_CONTEXT,
    attributes: { 'code.function': 'retrieve' },
  });
  return exporter.getFinishedLogRecords();
}

/** What the OTel Collector ClickHouse exporter stores for {@link recordSdkLogs}'s records. */
export function expectedSdkLogRows(): LogRow[] {
  const resource = { 'service.name': 'rag-eval', 'service.instance.id': '3' };
  return [
    {
      Timestamp: `${TIME_MS}000000`,
      TraceId: LOG_TRACE_ID,
      SpanId: LOG_SPAN_ID,
      TraceFlags: 1,
      SeverityText: '',
      SeverityNumber: 0,
      ServiceName: 'rag-eval',
      Body: '',
      ResourceSchemaUrl: '',
      ResourceAttributes: resource,
      ScopeSchemaUrl: SCOPE_SCHEMA_URL,
      ScopeName: 'evaluator',
      ScopeVersion: '2.1.0',
      ScopeAttributes: { 'evaluator.kind': 'judge' },
      LogAttributes: {
        'gen_ai.evaluation.name': 'faithfulness',
        'gen_ai.evaluation.score.value': '0.85',
        'gen_ai.evaluation.score.label': 'faithful',
        'ragtrace.evaluation.source': 'llm',
      },
      EventName: 'gen_ai.evaluation.result',
    },
    {
      Timestamp: `${LINE_MS}000000`,
      TraceId: '',
      SpanId: '',
      TraceFlags: 0,
      SeverityText: 'WARN',
      SeverityNumber: 14,
      ServiceName: 'rag-eval',
      Body: '{"message":"slow retrieval","ms":1234}',
      ResourceSchemaUrl: '',
      ResourceAttributes: resource,
      ScopeSchemaUrl: '',
      ScopeName: 'app',
      ScopeVersion: '',
      ScopeAttributes: {},
      LogAttributes: { 'code.function': 'retrieve' },
      EventName: '',
    },
  ];
}
