import { TraceFlags } from '@opentelemetry/api';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@ragtrace/semconv';
import { LONE_SURROGATES, NOT_UTF8_MARKER, withInvalidUtf8 } from './invalid-text.js';
import { spanIdFor, traceIdFor } from './span-ids.js';

type LogRecord = Parameters<typeof ProtobufLogsSerializer.serializeRequest>[0][number];

/** Log requests take turns: a good one, then one with invalid text in its service name and body each way. */
const LOG_KINDS = ['good', 'lone-surrogate-json', 'invalid-utf8-protobuf'] as const;

export interface LogRequestsOptions {
  url: string;
  seed: string;
  /** The records' services are named after it (`<serviceName>/logs…`), as the span load's. */
  serviceName: string;
  requests: number;
  concurrency: number;
  apiKey: string;
}

export interface LogRequestsResult {
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
  /** The trace id each request's one record carries, so storage can be checked per request. */
  traceIds: string[];
}

/**
 * Sends OTLP log requests of one record each, as the OTel JS serializers encode them, the kinds
 * taking turns, and says how each was answered. Sent while the span load runs, so good records
 * and ones with invalid text share the collector's log inserts.
 */
export async function sendLogRequests(options: LogRequestsOptions): Promise<LogRequestsResult> {
  const statuses: Record<string, number> = {};
  const traceIds = Array.from({ length: options.requests }, (_, request) =>
    traceIdFor(`${options.seed}/logs`, request),
  );
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.requests) {
      const request = next++;
      const { body, contentType } = logRequest(options, request, traceIds[request]!);
      const response = await fetch(`${options.url}/v1/logs`, {
        method: 'POST',
        headers: { 'content-type': contentType, 'x-api-key': options.apiKey },
        body,
      });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { statuses, traceIds };
}

function logRequest(
  options: LogRequestsOptions,
  request: number,
  traceId: string,
): { body: Uint8Array; contentType: string } {
  const kind = LOG_KINDS[request % LOG_KINDS.length]!;
  const suffix = {
    good: '',
    'lone-surrogate-json': LONE_SURROGATES,
    'invalid-utf8-protobuf': NOT_UTF8_MARKER,
  }[kind];
  const now = Date.now();
  const record: LogRecord = {
    hrTime: [Math.floor(now / 1000), (now % 1000) * 1_000_000],
    hrTimeObserved: [Math.floor(now / 1000), (now % 1000) * 1_000_000],
    spanContext: {
      traceId,
      spanId: spanIdFor(`${options.seed}/logs`, request, 0),
      traceFlags: TraceFlags.SAMPLED,
    },
    severityText: 'INFO',
    body: `answer ${request} ${suffix}`,
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: `${options.serviceName}/logs${suffix}` }),
    instrumentationScope: { name: 'ragtrace-reliability-load' },
    attributes: {},
    droppedAttributesCount: 0,
  };
  if (kind === 'lone-surrogate-json') {
    return { body: JsonLogsSerializer.serializeRequest([record])!, contentType: 'application/json' };
  }
  const body = ProtobufLogsSerializer.serializeRequest([record])!;
  return {
    body: kind === 'good' ? body : withInvalidUtf8(body),
    contentType: 'application/x-protobuf',
  };
}
