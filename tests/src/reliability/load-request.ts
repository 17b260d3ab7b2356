import { SpanKind, SpanStatusCode, TraceFlags, type HrTime } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { ATTR_GEN_AI_OPERATION_NAME, ATTR_SERVICE_NAME } from '@ragtrace/semconv';
import { spanIdsFor, traceIdFor } from './span-ids.js';

export interface LoadRequestOptions {
  seed: string;
  serviceName: string;
  spansPerRequest: number;
  /** Replaces the derived trace id, for requests that must carry a particular (bad) one. */
  traceId?: string;
  /** Appended to every span's name (e.g. text a collector must repair). */
  spanNameSuffix?: string;
  /** The OTLP/HTTP encoding of the body; protobuf unless said otherwise. */
  encoding?: 'protobuf' | 'json';
}

export interface LoadRequest {
  request: number;
  spanIds: string[];
  /** The OTLP/HTTP body an OTel SDK would send for these spans, in `contentType`. */
  body: Uint8Array;
  contentType: string;
}

const CONTENT_TYPES = { protobuf: 'application/x-protobuf', json: 'application/json' } as const;

const SCOPE = { name: 'ragtrace-reliability-load', version: '1.0.0' };

/**
 * One trace per request: a root span and its children, with the ids of `span-ids.ts`, encoded by
 * the OTel JS SDK's own serializers so the bytes are what a real exporter sends.
 */
export function buildLoadRequest(options: LoadRequestOptions, request: number): LoadRequest {
  const traceId = options.traceId ?? traceIdFor(options.seed, request);
  const spanIds = spanIdsFor(options.seed, request, options.spansPerRequest);
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName });
  const start = nowHrTime();
  const spans = spanIds.map((spanId, index): ReadableSpan => {
    const parentSpanId = index === 0 ? undefined : spanIds[0]!;
    return {
      name: `${index === 0 ? 'workflow answer' : `retrieval step-${index}`}${options.spanNameSuffix ?? ''}`,
      kind: index === 0 ? SpanKind.SERVER : SpanKind.CLIENT,
      spanContext: () => ({ traceId, spanId, traceFlags: TraceFlags.SAMPLED }),
      parentSpanContext: parentSpanId
        ? { traceId, spanId: parentSpanId, traceFlags: TraceFlags.SAMPLED }
        : undefined,
      startTime: start,
      endTime: start,
      duration: [0, 0],
      ended: true,
      status: { code: SpanStatusCode.OK },
      attributes: { [ATTR_GEN_AI_OPERATION_NAME]: index === 0 ? 'invoke_workflow' : 'retrieval' },
      links: [],
      events: [],
      resource,
      instrumentationScope: SCOPE,
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    };
  });
  const encoding = options.encoding ?? 'protobuf';
  const serializer = encoding === 'json' ? JsonTraceSerializer : ProtobufTraceSerializer;
  const body = serializer.serializeRequest(spans);
  if (!body) throw new Error(`the OTLP serializer produced no body for request ${request}`);
  return { request, spanIds, body, contentType: CONTENT_TYPES[encoding] };
}

function nowHrTime(): HrTime {
  const ms = Date.now();
  return [Math.floor(ms / 1000), (ms % 1000) * 1_000_000];
}
