import { LONE_SURROGATES, NOT_UTF8_MARKER, withInvalidUtf8 } from './invalid-text.js';
import { buildLoadRequest, type LoadRequest, type LoadRequestOptions } from './load-request.js';

/** Requests the collector must refuse without harming the good requests batched next to them. */
export const POISON_KINDS = ['garbled-protobuf', 'too-many-spans', 'zero-trace-id'] as const;
/**
 * Requests whose service and span names hold invalid text, which the collector must store
 * repaired (U+FFFD) without harming the good requests batched next to them.
 */
export const INVALID_TEXT_KINDS = ['lone-surrogate-json', 'invalid-utf8-protobuf'] as const;
export type PoisonKind = (typeof POISON_KINDS)[number] | (typeof INVALID_TEXT_KINDS)[number];

export interface PoisonOptions extends LoadRequestOptions {
  /** The collector's RAGTRACE_MAX_SPANS_PER_REQUEST: a too-many-spans request carries one more. */
  maxSpansPerRequest: number;
}

/**
 * A bad request of the given kind, carrying span ids of its own so the verifier can tell which
 * of its spans reached storage:
 * - garbled-protobuf: a real body cut in half and ended with bytes of an invalid wire type (400);
 * - too-many-spans: a well-formed body over the per-request span limit (413);
 * - zero-trace-id: well-formed, but every span's trace id is all zeros, which OTLP forbids
 *   (200 with every span rejected in partial_success);
 * - lone-surrogate-json: OTLP/JSON whose service and span names end in lone surrogates (200,
 *   stored with U+FFFD);
 * - invalid-utf8-protobuf: protobuf whose service and span names end in bytes that are not UTF-8
 *   (200, stored with U+FFFD).
 */
export function buildPoisonRequest(kind: PoisonKind, options: PoisonOptions, request: number): LoadRequest {
  switch (kind) {
    case 'garbled-protobuf': {
      const good = buildLoadRequest(options, request);
      const half = good.body.subarray(0, Math.floor(good.body.length / 2));
      return { ...good, body: Buffer.concat([half, Buffer.from([0xff, 0xff, 0xff, 0xff])]) };
    }
    case 'too-many-spans':
      return buildLoadRequest({ ...options, spansPerRequest: options.maxSpansPerRequest + 1 }, request);
    case 'zero-trace-id':
      return buildLoadRequest({ ...options, traceId: '0'.repeat(32) }, request);
    case 'lone-surrogate-json':
      return buildLoadRequest(withNameSuffix(options, LONE_SURROGATES, 'json'), request);
    case 'invalid-utf8-protobuf': {
      const marked = buildLoadRequest(withNameSuffix(options, NOT_UTF8_MARKER, 'protobuf'), request);
      return { ...marked, body: withInvalidUtf8(marked.body) };
    }
  }
}

/** Names ending in `suffix`, the service's named after the load's (`<serviceName>/…`) as the audit expects. */
function withNameSuffix(
  options: LoadRequestOptions,
  suffix: string,
  encoding: 'protobuf' | 'json',
): LoadRequestOptions {
  return {
    ...options,
    serviceName: `${options.serviceName}/${suffix}`,
    spanNameSuffix: ` ${suffix}`,
    encoding,
  };
}
