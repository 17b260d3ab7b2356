import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  errorFacts,
  MOCK_VECTOR_RECORDS,
  PINECONE_MISSING_INDEX,
  rejectionOf,
  startPineconeMockServer,
  theOnly,
} from '@ragtrace/instrumentation-test-kit';
import type { LoopbackServer } from '@ragtrace/instrumentation-test-kit';
import { workflow } from '@ragtrace/sdk';
import { setupMemoryTracing } from '@ragtrace/sdk/testing';
import type { MemoryTracing } from '@ragtrace/sdk/testing';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_DATA_SOURCE_ID,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_RETRIEVAL_DOCUMENTS,
  ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES,
  ATTR_RAGTRACE_STAGE,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { PineconeInstrumentation } from '../pinecone-instrumentation.js';

export interface PineconeIndexApi {
  query(args: object): Promise<unknown>;
  searchRecords?(args: object): Promise<unknown>;
  namespace(name: string): PineconeIndexApi;
}
export interface PineconeSdk {
  readonly Pinecone: new (options: { apiKey: string; controllerHostUrl: string }) => {
    index(name: string): PineconeIndexApi;
  };
}

export interface PineconeTarget {
  /** e.g. `@pinecone-database/pinecone 8.1.0 through the module hook`. */
  readonly label: string;
  readonly instrumentation: PineconeInstrumentation;
  /** Loads the client with the instrumentation off (called once). */
  load(): PineconeSdk;
  /** Turns the instrumentation on for the loaded client; returns the module the app now uses. */
  instrument(sdk: PineconeSdk): PineconeSdk;
  /** Whether `query` takes a `namespace` of its own (6+); 2.x only has `index.namespace(...)`. */
  readonly hasPerCallNamespace: boolean;
  /** Whether `Index` has `searchRecords` (integrated inference, 5+). */
  readonly hasSearchRecords: boolean;
}

const VECTOR = [0.1, 0.2, 0.3];
const records = (count: number): typeof MOCK_VECTOR_RECORDS => MOCK_VECTOR_RECORDS.slice(0, count);
const idsOf = (count: number): string[] => records(count).map((record) => record.id);
const scoresOf = (count: number): number[] => records(count).map((record) => record.score);

function onlySpan(tracing: MemoryTracing): ReadableSpan {
  return theOnly(tracing.spans(), 'retrieve span');
}

type Client = InstanceType<PineconeSdk['Pinecone']>;

/** What an app sees from a fixed set of calls: compared with and without instrumentation. */
async function observableResults(pinecone: Client): Promise<unknown> {
  const docs = pinecone.index('docs');
  return {
    query: await docs.query({ topK: 3, vector: VECTOR }),
    withMetadata: await docs.query({ topK: 2, vector: VECTOR, includeMetadata: true }),
    namespaced: await docs.namespace('tenant-a').query({ topK: 1, vector: VECTOR }),
    missing: errorFacts(
      await rejectionOf(pinecone.index(PINECONE_MISSING_INDEX).query({ topK: 1, vector: VECTOR })),
    ),
    invalid: errorFacts(await rejectionOf(docs.query({ vector: VECTOR }))),
    searchRecords: await docs.searchRecords?.({ query: { topK: 2, inputs: { text: 'where are spans' } } }),
  };
}

/** The same scenarios for every client major: attributes, content, errors and guarantees. */
export function describePineconeInstrumentation(target: PineconeTarget): void {
  describe(`PineconeInstrumentation with ${target.label}`, () => {
    let server: LoopbackServer;
    let tracing: MemoryTracing;
    let pinecone: Client;
    let uninstrumentedResults: unknown;

    before(async () => {
      server = await startPineconeMockServer();
      tracing = setupMemoryTracing();
      const bare = target.load();
      const options = { apiKey: 'test-key', controllerHostUrl: server.url };
      uninstrumentedResults = await observableResults(new bare.Pinecone(options));
      assert.equal(tracing.spans().length, 0, 'no spans before instrumenting');
      pinecone = new (target.instrument(bare).Pinecone)(options);
    });
    afterEach(() => {
      tracing.reset();
      target.instrumentation.setConfig({});
    });
    after(async () => {
      await tracing.shutdown();
      await server.close();
    });

    it('records a query as a retrieve span, attribute by attribute', async () => {
      await pinecone.index('docs').query({ topK: 3, vector: VECTOR });

      const span = onlySpan(tracing);
      assert.equal(span.name, 'retrieval docs');
      assert.equal(span.kind, SpanKind.CLIENT);
      assert.equal(span.status.code, SpanStatusCode.UNSET);
      const attributes = span.attributes;
      assert.equal(attributes[ATTR_GEN_AI_OPERATION_NAME], 'retrieval');
      assert.equal(attributes[ATTR_RAGTRACE_STAGE], 'retrieve');
      assert.equal(attributes[ATTR_GEN_AI_PROVIDER_NAME], 'pinecone');
      assert.equal(attributes[ATTR_GEN_AI_DATA_SOURCE_ID], 'docs');
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_TOP_K], 3);
      assert.deepEqual(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], idsOf(3));
      assert.deepEqual(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES], scoresOf(3));
      assert.equal(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT], 3);
      assert.equal(
        attributes[ATTR_GEN_AI_RETRIEVAL_DOCUMENTS],
        undefined,
        'metadata is content: off by default',
      );
      assert.equal(attributes[ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT], undefined, 'a vector query has no text');
      assert.equal(server.requests.at(-1)?.path, '/query');
    });

    it('names a namespace other than the default in the data source as {index}/{namespace}', async () => {
      await pinecone.index('docs').namespace('tenant-a').query({ topK: 1, vector: VECTOR });
      const span = onlySpan(tracing);
      assert.equal(span.name, 'retrieval docs/tenant-a');
      assert.equal(span.attributes[ATTR_GEN_AI_DATA_SOURCE_ID], 'docs/tenant-a');
      assert.equal((server.requests.at(-1)?.body as { namespace: string }).namespace, 'tenant-a');
    });

    it(
      "takes a query's own namespace over the index's (6+)",
      { skip: !target.hasPerCallNamespace },
      async () => {
        await pinecone
          .index('docs')
          .namespace('tenant-a')
          .query({ topK: 1, vector: VECTOR, namespace: 'tenant-b' });
        assert.equal(onlySpan(tracing).attributes[ATTR_GEN_AI_DATA_SOURCE_ID], 'docs/tenant-b');
      },
    );

    it('records the metadata as document content when capture is on', async () => {
      target.instrumentation.setConfig({ captureContent: true });
      await pinecone.index('docs').query({ topK: 2, vector: VECTOR, includeMetadata: true });
      assert.deepEqual(
        JSON.parse(onlySpan(tracing).attributes[ATTR_GEN_AI_RETRIEVAL_DOCUMENTS] as string),
        records(2).map((record) => ({
          id: record.id,
          score: record.score,
          content: JSON.stringify({ text: record.text, source: record.source }),
        })),
      );
    });

    it('records searchRecords with its text query (5+)', { skip: !target.hasSearchRecords }, async () => {
      const search = {
        query: { topK: 2, inputs: { text: 'where are spans stored' } },
        fields: ['text', 'source'],
      };
      await pinecone.index('docs').searchRecords!(search);
      const off = onlySpan(tracing).attributes;
      assert.equal(off[ATTR_GEN_AI_DATA_SOURCE_ID], 'docs');
      assert.equal(off[ATTR_GEN_AI_REQUEST_TOP_K], 2);
      assert.deepEqual(off[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], idsOf(2));
      assert.deepEqual(off[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES], scoresOf(2));
      assert.equal(off[ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT], undefined, 'content: off by default');
      assert.match(server.requests.at(-1)!.path, /^\/records\/namespaces\/__default__\/search$/);

      tracing.reset();
      target.instrumentation.setConfig({ captureContent: true });
      await pinecone.index('docs').searchRecords!({ ...search, namespace: 'tenant-a' });
      const on = onlySpan(tracing).attributes;
      assert.equal(on[ATTR_GEN_AI_DATA_SOURCE_ID], 'docs/tenant-a');
      assert.equal(on[ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT], 'where are spans stored');
      assert.deepEqual(
        JSON.parse(on[ATTR_GEN_AI_RETRIEVAL_DOCUMENTS] as string),
        records(2).map((record) => ({
          id: record.id,
          score: record.score,
          content: JSON.stringify({ text: record.text, source: record.source }),
        })),
      );
    });

    it('records a failed query (error.type, status) and rethrows the same error', async () => {
      const error = await rejectionOf(
        pinecone.index(PINECONE_MISSING_INDEX).query({ topK: 1, vector: VECTOR }),
      );
      const span = onlySpan(tracing);
      assert.equal(span.name, `retrieval ${PINECONE_MISSING_INDEX}`);
      assert.equal(span.status.code, SpanStatusCode.ERROR);
      assert.equal(span.status.message, error.message);
      assert.equal(error.name, 'PineconeNotFoundError');
      assert.equal(span.attributes[ATTR_ERROR_TYPE], 'PineconeNotFoundError');
      assert.equal(span.events[0]?.name, 'exception');
    });

    it("records the client's own argument errors the same way", async () => {
      const error = await rejectionOf(pinecone.index('docs').query({ vector: VECTOR }));
      assert.equal(error.name, 'PineconeArgumentError');
      assert.equal(onlySpan(tracing).attributes[ATTR_ERROR_TYPE], 'PineconeArgumentError');
    });

    it('returns exactly what the uninstrumented client returns: values and errors', async () => {
      assert.deepEqual(await observableResults(pinecone), uninstrumentedResults);
      const pending = pinecone.index('docs').query({ topK: 1, vector: VECTOR });
      assert.ok(pending instanceof Promise, "the method's own promise");
      await pending;
    });

    it("follows the SDK's capture setting unless its own config overrides it", async () => {
      await tracing.shutdown();
      tracing = setupMemoryTracing({ captureContent: true });
      await pinecone.index('docs').query({ topK: 1, vector: VECTOR, includeMetadata: true });
      const [captured] = tracing
        .spans()
        .filter((span) => span.attributes[ATTR_RAGTRACE_STAGE] === 'retrieve');
      assert.equal(typeof captured?.attributes[ATTR_GEN_AI_RETRIEVAL_DOCUMENTS], 'string');
      tracing.reset();
      target.instrumentation.setConfig({ captureContent: false });
      await pinecone.index('docs').query({ topK: 1, vector: VECTOR, includeMetadata: true });
      const [withheld] = tracing
        .spans()
        .filter((span) => span.attributes[ATTR_RAGTRACE_STAGE] === 'retrieve');
      assert.ok(withheld !== undefined);
      assert.equal(withheld.attributes[ATTR_GEN_AI_RETRIEVAL_DOCUMENTS], undefined);
    });

    it('keeps its own failures away from the app: an unreadable index, a failing redact hook', async () => {
      const unreadable = pinecone.index('docs');
      // query itself never reads `target`; only the instrumentation does.
      Object.defineProperty(unreadable, 'target', {
        get: () => {
          throw new Error('unexpected index shape');
        },
      });
      const expected = (uninstrumentedResults as { query: unknown }).query;
      assert.deepEqual(await unreadable.query({ topK: 3, vector: VECTOR }), expected);
      assert.equal(tracing.spans().length, 0, 'that call ran un-instrumented');

      await tracing.shutdown();
      tracing = setupMemoryTracing({
        captureContent: true,
        redact: () => {
          throw new Error('redaction bug');
        },
      });
      assert.deepEqual(await pinecone.index('docs').query({ topK: 3, vector: VECTOR }), expected);
      const span = onlySpan(tracing);
      assert.deepEqual(
        span.attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS],
        idsOf(3),
        'ids are recorded regardless',
      );
    });

    it('nests under the active span and under workflow(...)', async () => {
      const parent = trace.getTracer('test').startSpan('request');
      await context.with(trace.setSpan(context.active(), parent), () =>
        pinecone.index('docs').query({ topK: 1, vector: VECTOR }),
      );
      parent.end();
      await workflow({ name: 'answer' }, () => pinecone.index('docs').query({ topK: 1, vector: VECTOR }));

      const [underParent, underWorkflow] = tracing.spans().filter((span) => span.name === 'retrieval docs');
      assert.equal(underParent!.parentSpanContext?.spanId, parent.spanContext().spanId);
      assert.equal(underParent!.spanContext().traceId, parent.spanContext().traceId);
      const workflowSpan = tracing
        .spans()
        .find((span) => span.attributes[ATTR_RAGTRACE_STAGE] === 'workflow');
      assert.equal(underWorkflow!.parentSpanContext?.spanId, workflowSpan!.spanContext().spanId);
    });
  });
}
