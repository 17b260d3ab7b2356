import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  CHROMA_MISSING_COLLECTION,
  errorFacts,
  MOCK_VECTOR_RECORDS,
  rejectionOf,
  startChromaMockServer,
  theOnly,
} from '@ragtrace/instrumentation-test-kit';
import type { LoopbackServer } from '@ragtrace/instrumentation-test-kit';
import { embed, workflow } from '@ragtrace/sdk';
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
import type { ChromaInstrumentation } from '../chroma-instrumentation.js';

export interface EmbeddingFunction {
  generate(texts: string[]): Promise<number[][]>;
}
export interface ChromaCollectionApi {
  query(args: object): Promise<unknown>;
}
/** What both majors' `ChromaClient` offer the tests. */
export interface ChromaClientApi {
  getCollection(args: { name: string; embeddingFunction: EmbeddingFunction }): Promise<ChromaCollectionApi>;
}

export interface ChromaTarget {
  /** e.g. `chromadb 3.5.0 through the module hook`. */
  readonly label: string;
  readonly instrumentation: ChromaInstrumentation;
  /** Loads the client module with the instrumentation off (called once). */
  load(): unknown;
  /** Turns the instrumentation on for the loaded module; returns the module the app now uses. */
  instrument(sdk: unknown): unknown;
  /** A client of the module for the mock's URL (the majors take the address differently). */
  connect(sdk: unknown, url: string): ChromaClientApi;
}

const EMBEDDING = [0.1, 0.2, 0.3];
const records = (count: number): typeof MOCK_VECTOR_RECORDS => MOCK_VECTOR_RECORDS.slice(0, count);
const idsOf = (count: number): string[] => records(count).map((record) => record.id);
const distancesOf = (count: number): number[] => records(count).map((record) => record.distance);

/** Embeds texts client-side, as Chroma's embedding functions do; traced as an embed stage. */
const embeddingFunction: EmbeddingFunction = {
  generate: (texts) =>
    embed({ model: 'test-embed', input: texts }, () => Promise.resolve(texts.map(() => EMBEDDING))),
};

/** The retrieve spans: embed spans of the embedding function are left out. */
function retrieveSpans(tracing: MemoryTracing): ReadableSpan[] {
  return tracing.spans().filter((span) => span.attributes[ATTR_RAGTRACE_STAGE] === 'retrieve');
}

function onlySpan(tracing: MemoryTracing): ReadableSpan {
  return theOnly(retrieveSpans(tracing), 'retrieve span');
}

/** What an app sees from a fixed set of calls: compared with and without instrumentation. */
async function observableResults(client: ChromaClientApi): Promise<unknown> {
  const docs = await client.getCollection({ name: 'docs', embeddingFunction });
  const missing = await client.getCollection({ name: CHROMA_MISSING_COLLECTION, embeddingFunction });
  return {
    byEmbedding: await docs.query({ queryEmbeddings: [EMBEDDING], nResults: 3 }),
    byTexts: await docs.query({ queryTexts: ['what is stored', 'where'], nResults: 2 }),
    idsOnly: await docs.query({ queryEmbeddings: [EMBEDDING], nResults: 2, include: [] }),
    missing: errorFacts(await rejectionOf(missing.query({ queryEmbeddings: [EMBEDDING] }))),
  };
}

/** The same scenarios for every client major: attributes, content, errors and guarantees. */
export function describeChromaInstrumentation(target: ChromaTarget): void {
  describe(`ChromaInstrumentation with ${target.label}`, () => {
    let server: LoopbackServer;
    let tracing: MemoryTracing;
    let client: ChromaClientApi;
    let docs: ChromaCollectionApi;
    let uninstrumentedResults: unknown;

    before(async () => {
      server = await startChromaMockServer();
      tracing = setupMemoryTracing();
      const bare = target.load();
      uninstrumentedResults = await observableResults(target.connect(bare, server.url));
      assert.equal(retrieveSpans(tracing).length, 0, 'no retrieve spans before instrumenting');
      client = target.connect(target.instrument(bare), server.url);
      docs = await client.getCollection({ name: 'docs', embeddingFunction });
      tracing.reset();
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
      await docs.query({ queryEmbeddings: [EMBEDDING], nResults: 3 });

      const span = onlySpan(tracing);
      assert.equal(span.name, 'retrieval docs');
      assert.equal(span.kind, SpanKind.CLIENT);
      assert.equal(span.status.code, SpanStatusCode.UNSET);
      const attributes = span.attributes;
      assert.equal(attributes[ATTR_GEN_AI_OPERATION_NAME], 'retrieval');
      assert.equal(attributes[ATTR_RAGTRACE_STAGE], 'retrieve');
      assert.equal(attributes[ATTR_GEN_AI_PROVIDER_NAME], 'chroma');
      assert.equal(attributes[ATTR_GEN_AI_DATA_SOURCE_ID], 'docs');
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_TOP_K], 3);
      assert.deepEqual(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], idsOf(3));
      assert.deepEqual(
        attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES],
        distancesOf(3),
        'distances, lower is closer',
      );
      assert.equal(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT], 3);
      assert.equal(
        attributes[ATTR_GEN_AI_RETRIEVAL_DOCUMENTS],
        undefined,
        'documents are content: off by default',
      );
      assert.equal(attributes[ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT], undefined);
      assert.match(server.requests.at(-1)!.path, /\/collections\/[0-9a-f-]+\/query$/);
    });

    it("records the client's default of 10 results when the caller gives none", async () => {
      await docs.query({ queryEmbeddings: [EMBEDDING] });
      const attributes = onlySpan(tracing).attributes;
      assert.equal(attributes[ATTR_GEN_AI_REQUEST_TOP_K], 10);
      assert.equal(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT], MOCK_VECTOR_RECORDS.length);
    });

    it("records several query embeddings as one span with every query's hits in order", async () => {
      await docs.query({ queryEmbeddings: [EMBEDDING, EMBEDDING], nResults: 2 });
      const attributes = onlySpan(tracing).attributes;
      assert.deepEqual(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], [...idsOf(2), ...idsOf(2)]);
      assert.deepEqual(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES], [
        ...distancesOf(2),
        ...distancesOf(2),
      ]);
      assert.equal(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT], 4);
    });

    it('records ids without scores when the query does not include distances', async () => {
      await docs.query({ queryEmbeddings: [EMBEDDING], nResults: 2, include: [] });
      const attributes = onlySpan(tracing).attributes;
      assert.deepEqual(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], idsOf(2));
      assert.equal(attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES], undefined);
    });

    it('records the query text and the documents when capture is on', async () => {
      target.instrumentation.setConfig({ captureContent: true });
      await docs.query({ queryTexts: ['what is stored'], nResults: 2 });
      await docs.query({ queryTexts: ['what is stored', 'where'], nResults: 1 });
      const [single, several] = retrieveSpans(tracing).map((span) => span.attributes);
      assert.equal(single![ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT], 'what is stored');
      assert.deepEqual(
        JSON.parse(single![ATTR_GEN_AI_RETRIEVAL_DOCUMENTS] as string),
        records(2).map((record) => ({ id: record.id, score: record.distance, content: record.text })),
      );
      assert.equal(several![ATTR_GEN_AI_RETRIEVAL_QUERY_TEXT], JSON.stringify(['what is stored', 'where']));
    });

    it("nests the embedding function's work under the retrieve span", async () => {
      await docs.query({ queryTexts: ['what is stored'], nResults: 1 });
      const retrieveSpan = onlySpan(tracing);
      const embedSpan = tracing.spans().find((span) => span.attributes[ATTR_RAGTRACE_STAGE] === 'embed');
      assert.equal(embedSpan?.parentSpanContext?.spanId, retrieveSpan.spanContext().spanId);
    });

    it('records a failed query (error.type, status) and rethrows the same error', async () => {
      const missing = await client.getCollection({ name: CHROMA_MISSING_COLLECTION, embeddingFunction });
      const error = await rejectionOf(missing.query({ queryEmbeddings: [EMBEDDING] }));
      const span = onlySpan(tracing);
      assert.equal(span.name, `retrieval ${CHROMA_MISSING_COLLECTION}`);
      assert.equal(span.status.code, SpanStatusCode.ERROR);
      assert.equal(span.status.message, error.message);
      assert.equal(error.constructor.name, 'ChromaNotFoundError');
      assert.equal(span.attributes[ATTR_ERROR_TYPE], 'ChromaNotFoundError');
      assert.equal(span.events[0]?.name, 'exception');
    });

    it('returns exactly what the uninstrumented client returns: values and errors', async () => {
      assert.deepEqual(await observableResults(client), uninstrumentedResults);
      const pending = docs.query({ queryEmbeddings: [EMBEDDING] });
      assert.ok(pending instanceof Promise, "the method's own promise");
      await pending;
    });

    it('runs the query un-instrumented when it cannot read the collection', async () => {
      const unreadable = await client.getCollection({ name: 'docs', embeddingFunction });
      tracing.reset();
      // query itself never reads the name; only the instrumentation does.
      Object.defineProperty(unreadable, 'name', {
        get: () => {
          throw new Error('unexpected collection shape');
        },
      });
      const result = await unreadable.query({ queryEmbeddings: [EMBEDDING], nResults: 3 });
      assert.deepEqual(result, (uninstrumentedResults as { byEmbedding: unknown }).byEmbedding);
      assert.equal(retrieveSpans(tracing).length, 0);
    });

    it("follows the SDK's capture setting unless its own config overrides it", async () => {
      await tracing.shutdown();
      tracing = setupMemoryTracing({ captureContent: true });
      await docs.query({ queryEmbeddings: [EMBEDDING], nResults: 1 });
      const [captured] = tracing
        .spans()
        .filter((span) => span.attributes[ATTR_RAGTRACE_STAGE] === 'retrieve');
      assert.equal(typeof captured?.attributes[ATTR_GEN_AI_RETRIEVAL_DOCUMENTS], 'string');
      tracing.reset();
      target.instrumentation.setConfig({ captureContent: false });
      await docs.query({ queryEmbeddings: [EMBEDDING], nResults: 1 });
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
      const result = await docs.query({ queryEmbeddings: [EMBEDDING], nResults: 3 });
      assert.deepEqual(result, (uninstrumentedResults as { byEmbedding: unknown }).byEmbedding);
      const span = onlySpan(tracing);
      assert.deepEqual(
        span.attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS],
        idsOf(3),
        'ids are recorded regardless',
      );
      assert.equal(span.attributes[ATTR_GEN_AI_RETRIEVAL_DOCUMENTS], undefined);
    });

    it('nests under the active span and under workflow(...)', async () => {
      const parent = trace.getTracer('test').startSpan('request');
      await context.with(trace.setSpan(context.active(), parent), () =>
        docs.query({ queryEmbeddings: [EMBEDDING], nResults: 1 }),
      );
      parent.end();
      await workflow({ name: 'answer' }, () => docs.query({ queryEmbeddings: [EMBEDDING], nResults: 1 }));

      const [underParent, underWorkflow] = retrieveSpans(tracing);
      assert.equal(underParent!.parentSpanContext?.spanId, parent.spanContext().spanId);
      assert.equal(underParent!.spanContext().traceId, parent.spanContext().traceId);
      const workflowSpan = tracing
        .spans()
        .find((span) => span.attributes[ATTR_RAGTRACE_STAGE] === 'workflow');
      assert.equal(underWorkflow!.parentSpanContext?.spanId, workflowSpan!.spanContext().spanId);
    });
  });
}
