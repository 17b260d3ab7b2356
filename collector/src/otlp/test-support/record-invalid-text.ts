import { ROOT_CONTEXT, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
  type ReadableLogRecord,
} from '@opentelemetry/sdk-logs';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

// JavaScript strings need not be well-formed UTF-16: a string cut between the two halves of a
// surrogate pair (an emoji sliced by a byte or length limit) keeps a lone half. These records
// put one in every text the OTLP messages carry, high and low halves alike.

/** The service name every record here carries, lone surrogate included. */
export const INVALID_TEXT_SERVICE = 'checkout\ud800';

/**
 * Spans recorded with the real OTel JS SDK under a remote parent in trace `traceId`, with lone
 * surrogates in the service name, resource, scope, span name, attribute keys and values (arrays
 * too), trace state, event and link, and status message.
 */
export function recordSpansWithLoneSurrogates(traceId: string): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': INVALID_TEXT_SERVICE,
      'host.name\udc00': 'web\udfff',
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const parent = trace.setSpanContext(ROOT_CONTEXT, {
    traceId,
    spanId: 'b7ad6b7169203331',
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
  });
  const span = provider.getTracer('scope\ud83d', '1.0\udc00').startSpan(
    'answer \ud83d',
    {
      attributes: { 'prompt\ud800': 'What is \udc00?', 'tags.list': ['ok', 'cut \ud83d'] },
      links: [{ context: trace.getSpanContext(parent)!, attributes: { 'link\udbff': 'why\ud800' } }],
    },
    parent,
  );
  span.addEvent('retry\ud800', { 'attempt\udc00': 'second\ud800' });
  span.setStatus({ code: SpanStatusCode.ERROR, message: 'timed out \udfff' });
  span.end();
  return exporter.getFinishedSpans();
}

/**
 * Log records recorded with the real OTel JS Logs SDK in trace `traceId`, with lone surrogates in
 * the service name, scope name and attributes, severity text, event name, body (a string, and a
 * map in a second record) and attributes.
 */
export function recordLogsWithLoneSurrogates(traceId: string): ReadableLogRecord[] {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': INVALID_TEXT_SERVICE }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const context = trace.setSpanContext(ROOT_CONTEXT, {
    traceId,
    spanId: 'b7ad6b7169203331',
    traceFlags: TraceFlags.SAMPLED,
  });
  const logger = provider.getLogger('logger\ud800', '2.0', { attributes: { 'team\udc00': 'search\ud83d' } });
  logger.emit({
    severityNumber: SeverityNumber.WARN,
    severityText: 'WARN\udc00',
    eventName: 'user.feedback\ud800',
    body: 'answer was \ud83d',
    attributes: { 'comment\ud800': 'bad \udfff' },
    context,
  });
  logger.emit({ body: { 'reply\udc00': 'cut \ud800', nested: ['x\udbff'] }, context });
  return exporter.getFinishedLogRecords();
}
