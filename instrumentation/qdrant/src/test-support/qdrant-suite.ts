import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  errorFacts,
  MOCK_VECTOR_RECORDS,
  QDRANT_MISSING_COLLECTION,
  QDRANT_ODD_SHAPE_COLLECTION,
  rejectionOf,
  startQdrantMockServer,
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
import type { QdrantInstrumentation } from '../qdrant-instrumentation.js';

/** The surface of QdrantClient both versions share (`query*` from 1.10 on). */
export interface QdrantClientApi {
  search(collection: string, args: object): Promise<unknown>;
  searchBatch(collection: string, args: object): Promise<unknown>;
  recommend(collection: string, args: object): Promise<unknown>;
  discoverPoints(collection: string, args: object): Promise<unknown>;
  searchPointGroups(collection: string, args: object): Promise<unknown>;
  query?(collection: string, args: object): Promise<unknown>;
  queryBatch?(collection: string, args: object): Promise<unknown>;
}
export interface QdrantSdk {
  readonly QdrantClient: new (options: { url: string }) => QdrantClientApi;
}

export interface QdrantTarget {
  /** e.g. `@qdrant/js-client-rest 1.18.0 through the module hook`. */
  readonly label: string;
  readonly instrumentation: QdrantInstrumentation;
  /** Loads the client with the instrumentation off (called once). */
  load(): QdrantSdk;
  /** Turns the instrumentation on for the loaded client; returns the module the app now uses. */
  instrument(sdk: QdrantSdk): QdrantSdk;
  /** Whether this version has the universal `query` API (1.10+). */
  readonly hasQueryApi: boolean;
}

const VECTOR = [0.1, 0.2, 0.3];
const idsOf = (count: number): string[] =>
  MOCK_VECTOR_RECORDS.slice(0, count).map((record) => String(record.pointId));
const scoresOf = (count: number): number[] =>
  MOCK_VECTOR_RECORDS.slice(0, count).map((record) => record.score);

/** What an app sees from a fixed set of calls: compared with and without instrumentation. */
async function observableResults(client: QdrantClientApi, target: QdrantTarget): Promise<unknown> {
  return {
    search: await client.search('docs', { vector: VECTOR, limit: 3 }),
    bare: await client.search('docs', { vector: VECTOR, limit: 2, with_payload: false }),
    batch: await client.searchBatch('docs', {
      searches: [
        { vector: VECTOR, limit: 1 },
        { vector: VECTOR, limit: 2 },
      ],
    }),
    recommend: await client.recommend('docs', { positive: [101], limit: 2 }),
    discover: await client.discoverPoints('docs', { target: 101, context: [], limit: 2 }),
    groups: await client.searchPointGroups('docs', {
      vector: VECTOR,
      group_by: 'source',
      limit: 2,
      group_size: 2,
    }),
    query: target.hasQueryApi ? await client.query!('docs', { query: VECTOR, limit: 2 }) : undefined,
    oddShape: await client.search(QDRANT_ODD_SHAPE_COLLECTION, { vector: VECTOR }),
    missing: errorFacts(await rejectionOf(client.search(QDRANT_MISSING_COLLECTION, { vector: VECTOR }))),
    noArguments: errorFacts(await rejectionOf((client.search as (name: string) => Promise<unknown>)('docs'))),
  };
}

function onlySpan(tracing: MemoryTracing): ReadableSpan {
  return theOnly(tracing.spans(), 'retrieve span');
}

/** The same scenarios for every client version: attributes, content, errors and guarantees. */
export function describeQdrantInstrumentation(target: QdrantTarget): void {
  describe(`QdrantInstrumentation with ${target.label}`, () => {
    let server: LoopbackServer;
    let tracing: MemoryTracing;
    let client: QdrantClientApi;
    let uninstrumentedResults: unknown;

    before(async () => {
      server = await startQdrantMockServer();
      tracing = setupMemoryTracing();
      const bare = target.load();
      uninstrumentedResults = await observableResults(new bare.QdrantClient({ url: server.url }), target);
      assert.equal(tracing.spans().length, 0, 'no spans before instrumenting');
      client = new (target.instrument(bare).QdrantClient)({ url: server.url });
    });
    afterEach(() => {
      tracing.reset();
      target.instrumentation.setConfig({});
    });
    after(async () => {
      await tracing.shutdown();
      await server.close();
    });

    it('records a search as a retrieve span, attribute by attribute', async () => {
      await client.search('docs', { vector: VECTOR, limit: 3 });

      const span = onlySpan(tracing);
      assert.equal(span.name, 'retrieval docs');
      assert.equal(span.kind, SpanKind.CLIENT);
      assert.equal(span.status.code, SpanStatusCode.UNSET);
      const attributes = span.attributes;
      assert.equal(attributes[ATTR_GEN_AI_OPERATION_NAME], 'retrieval');
      assert.equal(attributes[ATTR_RAGTRACE_STAGE], 'retrieve');
      assert.equal(attributes[ATTR_GEN_AI_PROVIDER_NAME], 'qdrant');
      assert.equal(attributes[ATTR_GEN_AI_DATA_SOURCE_ID], 'docs');
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_TOP_K], 3);
      assert.deepEqual(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], idsOf(3));
      assert.deepEqual(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES], scoresOf(3));
      assert.equal(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT], 3);
      assert.equal(
        attributes[ATTR_GEN_AI_RETRIEVAL_DOCUMENTS],
        undefined,
        'payloads are content: off by default',
      );
      assert.equal(attributes[ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT], undefined, 'a vector query has no text');
      assert.deepEqual(server.requests.at(-1)?.path, '/collections/docs/points/search');
    });

    it("records the client's default limit of 10 when the caller gives none", async () => {
      await client.search('docs', { vector: VECTOR });
      const attributes = onlySpan(tracing).attributes;
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_TOP_K], 10);
      assert.equal(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT], MOCK_VECTOR_RECORDS.length);
    });

    it('records recommend like search', async () => {
      await client.recommend('docs', { positive: [101], limit: 2 });
      const span = onlySpan(tracing);
      assert.equal(span.name, 'retrieval docs');
      assert.deepEqual(span.attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], idsOf(2));
    });

    it('records discover like search', async () => {
      await client.discoverPoints('docs', { target: 101, context: [], limit: 2 });
      const attributes = onlySpan(tracing).attributes;
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_TOP_K], 2);
      assert.deepEqual(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], idsOf(2));
    });

    it("records a grouped search's hits group after group, without a top-k (its limit counts groups)", async () => {
      await client.searchPointGroups('docs', { vector: VECTOR, group_by: 'source', limit: 2, group_size: 2 });
      const attributes = onlySpan(tracing).attributes;
      // The mock groups by source: guide holds 101 and 102, faq 103 and 104.
      assert.deepEqual(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], idsOf(4));
      assert.deepEqual(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES], scoresOf(4));
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_TOP_K], undefined);
    });

    it("records a batch as one span with every query's hits in order, and top-k only when the limits agree", async () => {
      await client.searchBatch('docs', {
        searches: [
          { vector: VECTOR, limit: 2 },
          { vector: VECTOR, limit: 2 },
        ],
      });
      await client.searchBatch('docs', {
        searches: [
          { vector: VECTOR, limit: 1 },
          { vector: VECTOR, limit: 2 },
        ],
      });
      const [same, mixed] = tracing.spans().map((span) => span.attributes);
      assert.equal(tracing.spans().length, 2, 'one span per batch call');
      assert.equal(same![ATTR_GEN_AI_REQUEST_TOP_K], 2);
      assert.deepEqual(same![ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], [...idsOf(2), ...idsOf(2)]);
      assert.equal(mixed![ATTR_GEN_AI_REQUEST_TOP_K], undefined);
      assert.deepEqual(mixed![ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], [...idsOf(1), ...idsOf(2)]);
      assert.deepEqual(mixed![ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES], [...scoresOf(1), ...scoresOf(2)]);
      assert.equal(mixed![ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT], 3);
    });

    it(
      'records the universal query API and its batch form (1.10+)',
      { skip: !target.hasQueryApi },
      async () => {
        await client.query!('docs', { query: VECTOR, limit: 2 });
        await client.queryBatch!('docs', { searches: [{ query: VECTOR, limit: 1 }, { query: VECTOR }] });
        const [single, batch] = tracing.spans().map((span) => span.attributes);
        assert.equal(single![ATTR_GEN_AI_REQUEST_TOP_K], 2);
        assert.deepEqual(single![ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], idsOf(2));
        assert.deepEqual(single![ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES], scoresOf(2));
        assert.equal(
          batch![ATTR_GEN_AI_REQUEST_TOP_K],
          undefined,
          'the second query leaves the limit to the server',
        );
        assert.deepEqual(batch![ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], [
          ...idsOf(1),
          ...idsOf(MOCK_VECTOR_RECORDS.length),
        ]);
      },
    );

    it(
      "records a Document query's text as the query text when capture is on (1.10+)",
      { skip: !target.hasQueryApi },
      async () => {
        await client.query!('docs', { query: { text: 'where are spans stored', model: 'bm25' }, limit: 1 });
        assert.equal(
          onlySpan(tracing).attributes[ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT],
          undefined,
          'content: off by default',
        );
        tracing.reset();
        target.instrumentation.setConfig({ captureContent: true });
        await client.query!('docs', {
          query: { nearest: { text: 'where are spans stored', model: 'bm25' } },
          limit: 1,
        });
        await client.queryBatch!('docs', {
          searches: [
            { query: { text: 'spans', model: 'bm25' }, limit: 1 },
            { query: VECTOR, limit: 1 },
          ],
        });
        const [single, batch] = tracing.spans().map((span) => span.attributes);
        assert.equal(single![ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT], 'where are spans stored');
        assert.equal(batch![ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT], JSON.stringify(['spans', null]));
      },
    );

    it('records the payloads as document content when capture is on', async () => {
      target.instrumentation.setConfig({ captureContent: true });
      await client.search('docs', { vector: VECTOR, limit: 2 });
      const documents = JSON.parse(
        onlySpan(tracing).attributes[ATTR_GEN_AI_RETRIEVAL_DOCUMENTS] as string,
      ) as unknown;
      assert.deepEqual(
        documents,
        MOCK_VECTOR_RECORDS.slice(0, 2).map((record) => ({
          id: String(record.pointId),
          score: record.score,
          content: JSON.stringify({ text: record.text, source: record.source }),
        })),
      );
    });

    it('records a failed query (error.type, status) and rethrows the same error', async () => {
      const error = await rejectionOf(client.search(QDRANT_MISSING_COLLECTION, { vector: VECTOR }));
      const span = onlySpan(tracing);
      assert.equal(span.name, `retrieval ${QDRANT_MISSING_COLLECTION}`);
      assert.equal(span.status.code, SpanStatusCode.ERROR);
      assert.equal(span.status.message, error.message);
      // The client rejects with an anonymous subclass of its fetcher's ApiError (name `Error`), for
      // which the SDK records the conventions' fallback type.
      assert.equal(error.message, 'Not Found');
      assert.equal(span.attributes[ATTR_ERROR_TYPE], '_OTHER');
      assert.equal(span.attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], undefined);
      assert.equal(span.events[0]?.name, 'exception');
    });

    it('returns exactly what the uninstrumented client returns: values and errors', async () => {
      assert.deepEqual(await observableResults(client, target), uninstrumentedResults);
      const pending = client.search('docs', { vector: VECTOR });
      assert.ok(pending instanceof Promise, "the method's own promise");
      await pending;
    });

    it('hands back a result of a shape it does not know untouched, and still ends the span', async () => {
      const result = await client.search(QDRANT_ODD_SHAPE_COLLECTION, { vector: VECTOR });
      assert.deepEqual(result, { unexpected: true });
      const span = onlySpan(tracing);
      assert.equal(span.status.code, SpanStatusCode.UNSET);
      assert.equal(span.attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], undefined);
    });

    it("follows the SDK's capture setting unless its own config overrides it", async () => {
      await tracing.shutdown();
      tracing = setupMemoryTracing({ captureContent: true });
      await client.search('docs', { vector: VECTOR, limit: 1 });
      const [captured] = tracing
        .spans()
        .filter((span) => span.attributes[ATTR_RAGTRACE_STAGE] === 'retrieve');
      assert.equal(typeof captured?.attributes[ATTR_GEN_AI_RETRIEVAL_DOCUMENTS], 'string');
      tracing.reset();
      target.instrumentation.setConfig({ captureContent: false });
      await client.search('docs', { vector: VECTOR, limit: 1 });
      const [withheld] = tracing
        .spans()
        .filter((span) => span.attributes[ATTR_RAGTRACE_STAGE] === 'retrieve');
      assert.ok(withheld !== undefined);
      assert.equal(withheld.attributes[ATTR_GEN_AI_RETRIEVAL_DOCUMENTS], undefined);
    });

    it('keeps a failing redact hook away from the app', async () => {
      await tracing.shutdown();
      tracing = setupMemoryTracing({
        captureContent: true,
        redact: () => {
          throw new Error('redaction bug');
        },
      });
      const result = await client.search('docs', { vector: VECTOR, limit: 2 });
      assert.deepEqual(
        result,
        (uninstrumentedResults as { bare: unknown[] }).bare.map((point, index) => ({
          ...(point as object),
          payload: { text: MOCK_VECTOR_RECORDS[index]!.text, source: MOCK_VECTOR_RECORDS[index]!.source },
        })),
      );
      const span = onlySpan(tracing);
      assert.deepEqual(
        span.attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS],
        idsOf(2),
        'ids are recorded regardless',
      );
      assert.equal(span.attributes[ATTR_GEN_AI_RETRIEVAL_DOCUMENTS], undefined);
    });

    it('nests under the active span and under workflow(...)', async () => {
      const parent = trace.getTracer('test').startSpan('request');
      await context.with(trace.setSpan(context.active(), parent), () =>
        client.search('docs', { vector: VECTOR, limit: 1 }),
      );
      parent.end();
      await workflow({ name: 'answer' }, () => client.search('docs', { vector: VECTOR, limit: 1 }));

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
