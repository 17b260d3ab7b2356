import { SpanKind, SpanStatusCode, context, trace, type Link } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';

/**
 * Real spans from the OTel JS SDK covering what a round trip must preserve: every attribute
 * type, every span kind, all three status codes, events with attributes, links with
 * attributes and trace state, resource attributes and instrumentation scope.
 */
export async function recordFixtureSpans(serviceName: string): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': serviceName,
      'service.version': '1.2.3',
      'deployment.environment.name': 'test',
      'host.cpu.count': 2,
    }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('ragtrace-roundtrip', '0.9.1');

  const root = tracer.startSpan('workflow answer-question', { kind: SpanKind.SERVER });
  const rootContext = trace.setSpan(context.active(), root);
  root.setAttributes({
    'gen_ai.operation.name': 'invoke_workflow',
    'string.attr': 'héllo "quoted" \n newline',
    'bool.attr': true,
    'int.attr': 42,
    'negative.int.attr': -7,
    'double.attr': 0.25,
    'string.array': ['a', 'b', 'c'],
    'bool.array': [true, false],
    'int.array': [1, 2, 3],
    'double.array': [0.5, 1.5],
    'empty.string': '',
  });
  root.setStatus({ code: SpanStatusCode.OK });

  const retrieve = tracer.startSpan(
    'retrieval docs',
    { kind: SpanKind.CLIENT, attributes: { 'gen_ai.data_source.id': 'docs', 'gen_ai.request.top_k': 5 } },
    rootContext,
  );
  retrieve.addEvent('cache.miss', { 'cache.key': 'q:1', 'cache.size': 12 });
  retrieve.addEvent('no-attributes');
  retrieve.end();

  const linkTarget = root.spanContext();
  const links: Link[] = [
    {
      context: { ...linkTarget, traceState: undefined },
      attributes: { 'link.reason': 'retry', 'link.n': 2 },
    },
  ];
  const failed = tracer.startSpan('chat gpt-4o', { kind: SpanKind.CLIENT, links }, rootContext);
  failed.recordException(new Error('rate limited'));
  failed.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream 429' });
  failed.end();

  for (const kind of [SpanKind.INTERNAL, SpanKind.PRODUCER, SpanKind.CONSUMER]) {
    tracer.startSpan(`kind ${SpanKind[kind]}`, { kind }, rootContext).end();
  }
  root.end();
  await provider.forceFlush();
  const spans = memory.getFinishedSpans();
  await provider.shutdown();
  return spans;
}
