import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

export const SPANS_PER_REQUEST = 512;

/** Spans per RAG trace: workflow → embed, retrieve, rerank, chat. */
const STAGES = ['embeddings', 'retrieval', 'rerank', 'chat'] as const;

/**
 * OTLP protobuf bodies of 512 realistic RAG spans each, serialized by the official OTel JS
 * serializer — what an instrumented service sends.
 */
export async function buildRequestBodies(count: number): Promise<Uint8Array[]> {
  const bodies: Uint8Array[] = [];
  for (let body = 0; body < count; body++) {
    const memory = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({
        'service.name': 'bench-rag-service',
        'service.version': '2.4.1',
        'deployment.environment.name': 'bench',
        'telemetry.sdk.language': 'nodejs',
      }),
      spanProcessors: [new SimpleSpanProcessor(memory)],
    });
    const tracer = provider.getTracer('@ragtrace/sdk', '0.1.0');
    let spans = 0;
    for (let question = 0; spans < SPANS_PER_REQUEST; question++) {
      const root = tracer.startSpan('invoke_workflow rag-answer', { kind: SpanKind.INTERNAL });
      root.setAttributes({ 'gen_ai.operation.name': 'invoke_workflow', 'ragtrace.stage': 'workflow' });
      spans++;
      const parent = trace.setSpan(context.active(), root);
      for (const stage of STAGES) {
        if (spans >= SPANS_PER_REQUEST) break;
        const span = tracer.startSpan(`${stage} model-${question % 3}`, { kind: SpanKind.CLIENT }, parent);
        span.setAttributes({
          'gen_ai.operation.name': stage,
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': `gpt-4o-mini-${question % 3}`,
          'gen_ai.response.model': `gpt-4o-mini-2024-07-18`,
          'gen_ai.request.temperature': 0.2,
          'gen_ai.request.top_p': 0.9,
          'gen_ai.request.max_tokens': 512,
          'gen_ai.usage.input_tokens': 1200 + question,
          'gen_ai.usage.output_tokens': 180 + question,
          'gen_ai.data_source.id': 'product-docs',
          'gen_ai.request.top_k': 5,
          'gen_ai.prompt.name': 'rag-answer',
          'ragtrace.prompt.version': '3',
          'ragtrace.retrieval.document_ids': ['doc-1', 'doc-7', 'doc-9', 'doc-12', 'doc-20'],
          'ragtrace.retrieval.document_scores': [0.91, 0.88, 0.73, 0.66, 0.52],
        });
        if (stage === 'chat') span.addEvent('gen_ai.content.chunk', { 'chunk.index': 0 });
        if (question % 17 === 0) span.setStatus({ code: SpanStatusCode.ERROR, message: 'timeout' });
        span.end();
        spans++;
      }
      root.end();
    }
    await provider.forceFlush();
    const serialized = ProtobufTraceSerializer.serializeRequest(
      memory.getFinishedSpans().slice(0, SPANS_PER_REQUEST),
    );
    if (!serialized) throw new Error('serializer returned nothing');
    bodies.push(serialized);
    await provider.shutdown();
  }
  return bodies;
}
