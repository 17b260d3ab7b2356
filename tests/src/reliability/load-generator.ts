import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { setTimeout as sleep } from 'node:timers/promises';
import { LedgerWriter } from './ledger.js';
import { buildLoadRequest, type LoadRequest } from './load-request.js';
import { buildPoisonRequest, POISON_KINDS, type PoisonKind } from './poison-request.js';
import { isRetryable, retryDelayMs, type RetryPolicy } from './retry-policy.js';

export interface LoadOptions {
  /** The collector's base URL; requests go to `<url>/v1/traces`. */
  url: string;
  ledgerPath: string;
  seed: string;
  serviceName: string;
  /** Request numbers run from `firstRequest` (default 0) for `requests` requests. */
  firstRequest?: number;
  requests: number;
  spansPerRequest: number;
  /** Requests on their way at once, each with its retries. */
  concurrency: number;
  /** Request starts per second; unset: as fast as the concurrency allows. */
  ratePerSecond?: number;
  retry: RetryPolicy;
  /** An attempt without an answer by then counts as unanswered (error TimeoutError). */
  attemptTimeoutMs: number;
  /** Every Nth request is a poison one (poison-request.ts), the kinds taking turns. */
  poisonEvery?: number;
  /** Which kinds of poison take turns; POISON_KINDS unless said otherwise. */
  poisonKinds?: readonly PoisonKind[];
  /** The collector's span limit per request, for the too-many-spans poison. */
  maxSpansPerRequest?: number;
  /**
   * Requests take turns among this many services, `<serviceName>/0`, `<serviceName>/1`…, as
   * several services' traffic shares a collector; unset: all are `serviceName`'s.
   */
  services?: number;
  /** Sent as `x-api-key` with every request, for a collector with auth on. */
  apiKey?: string;
}

export interface LoadSummary {
  requests: number;
  attempts: number;
  acknowledged: number;
  durationMs: number;
}

/**
 * Sends OTLP requests (protobuf; some kinds of poison in JSON) with deterministic span ids and
 * writes every attempt to the ledger. Rate-limited runs are open-loop: a request starts on
 * schedule whatever happened to the earlier ones, as long as a concurrency slot is free.
 */
export async function runLoad(options: LoadOptions): Promise<LoadSummary> {
  const ledger = new LedgerWriter(options.ledgerPath);
  const first = options.firstRequest ?? 0;
  const started = performance.now();
  let next = 0;
  let attempts = 0;
  let acknowledged = 0;

  const worker = async (): Promise<void> => {
    while (next < options.requests) {
      const index = next++;
      if (options.ratePerSecond) {
        const due = started + (index * 1000) / options.ratePerSecond;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
      }
      const outcome = await deliver(options, ledger, first + index);
      attempts += outcome.attempts;
      if (outcome.acknowledged) acknowledged++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { requests: options.requests, attempts, acknowledged, durationMs: performance.now() - started };
}

async function deliver(
  options: LoadOptions,
  ledger: LedgerWriter,
  requestNumber: number,
): Promise<{ attempts: number; acknowledged: boolean }> {
  const poison = poisonKindFor(options, requestNumber);
  const serviceName =
    options.services === undefined
      ? options.serviceName
      : `${options.serviceName}/${requestNumber % options.services}`;
  const request = poison
    ? buildPoisonRequest(
        poison,
        { ...options, serviceName, maxSpansPerRequest: options.maxSpansPerRequest ?? 0 },
        requestNumber,
      )
    : buildLoadRequest({ ...options, serviceName }, requestNumber);
  const deadline = performance.now() + (options.retry.kind === 'exporter' ? options.retry.deadlineMs : 0);
  for (let attempt = 1; ; attempt++) {
    const sentAt = performance.now();
    const answer = await send(options, request);
    const latencyMs = Math.round(performance.now() - sentAt);
    const canRetry =
      options.retry.kind === 'exporter' &&
      !answer.acknowledged &&
      isRetryable(answer.status) &&
      attempt < options.retry.maxAttempts;
    const delay = canRetry ? retryDelayMs(attempt, answer.retryAfter) : 0;
    const final = !canRetry || performance.now() + delay > deadline;
    ledger.append({
      request: requestNumber,
      attempt,
      spanIds: request.spanIds,
      status: answer.status,
      ...(answer.error === undefined ? {} : { error: answer.error }),
      ...(answer.retryAfter === null ? {} : { retryAfter: answer.retryAfter }),
      ...(answer.rejectedSpans ? { rejectedSpans: answer.rejectedSpans } : {}),
      acknowledged: answer.acknowledged,
      final,
      ...(poison ? { poison } : {}),
      atMs: Date.now(),
      latencyMs,
    });
    if (final) return { attempts: attempt, acknowledged: answer.acknowledged };
    await sleep(delay);
  }
}

function poisonKindFor(options: LoadOptions, requestNumber: number): PoisonKind | undefined {
  if (!options.poisonEvery || requestNumber % options.poisonEvery !== options.poisonEvery - 1)
    return undefined;
  const kinds = options.poisonKinds ?? POISON_KINDS;
  return kinds[Math.floor(requestNumber / options.poisonEvery) % kinds.length];
}

interface Answer {
  status: number | null;
  error?: string;
  retryAfter: string | null;
  rejectedSpans: number;
  acknowledged: boolean;
}

async function send(options: LoadOptions, request: LoadRequest): Promise<Answer> {
  let response: Response;
  let body: Uint8Array;
  try {
    response = await fetch(`${options.url}/v1/traces`, {
      method: 'POST',
      headers: {
        'content-type': request.contentType,
        ...(options.apiKey === undefined ? {} : { 'x-api-key': options.apiKey }),
      },
      body: request.body,
      signal: AbortSignal.timeout(options.attemptTimeoutMs),
    });
    body = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    return {
      status: null,
      error: networkErrorCode(error),
      retryAfter: null,
      rejectedSpans: 0,
      acknowledged: false,
    };
  }
  const rejectedSpans = response.status === 200 ? rejectedSpansIn(body, request.contentType) : 0;
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    rejectedSpans,
    acknowledged: response.status === 200 && rejectedSpans === 0,
  };
}

/** `partial_success.rejected_spans` of a 200, answered in the request's encoding. */
function rejectedSpansIn(body: Uint8Array, contentType: string): number {
  if (body.length === 0) return 0;
  const serializer = contentType === 'application/json' ? JsonTraceSerializer : ProtobufTraceSerializer;
  const response = serializer.deserializeResponse(body);
  return Number(response.partialSuccess?.rejectedSpans ?? 0);
}

/** The most specific name for a failure to get an answer: ECONNREFUSED, UND_ERR_SOCKET, TimeoutError… */
function networkErrorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string; name?: string } }).cause;
  return cause?.code ?? cause?.name ?? (error as Error).name ?? 'unknown';
}
