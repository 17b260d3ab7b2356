import { SpanKind } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_DATA_SOURCE_ID,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS,
  ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES,
  ATTR_RAGTRACE_STAGE,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { MemoryTracing } from '../testing/memory-tracing.js';
import { setupMemoryTracing } from '../testing/memory-tracing.js';
import { retrieve } from './retrieve.js';

interface Hit {
  key: string;
  similarity: number;
}

const hits: Hit[] = [
  { key: 'doc-7', similarity: 0.91 },
  { key: 'doc-2', similarity: 0.74 },
];

describe('retrieve', () => {
  let tracing: MemoryTracing;
  before(() => {
    tracing = setupMemoryTracing();
  });
  afterEach(() => tracing.reset());
  after(() => tracing.shutdown());

  it('records the data source, top_k and the documents set through the handle', () => {
    const result = retrieve({ dataSource: 'product-docs', provider: 'pgvector', topK: 2 }, (span) => {
      span.setDocuments(hits.map((hit) => ({ id: hit.key, score: hit.similarity })));
      return hits;
    });

    assert.equal(result, hits);
    const span = tracing.span('retrieval product-docs');
    assert.equal(span.kind, SpanKind.CLIENT);
    assert.equal(span.attributes[ATTR_GEN_AI_OPERATION_NAME], 'retrieval');
    assert.equal(span.attributes[ATTR_RAGTRACE_STAGE], 'retrieve');
    assert.equal(span.attributes[ATTR_GEN_AI_DATA_SOURCE_ID], 'product-docs');
    assert.equal(span.attributes[ATTR_GEN_AI_PROVIDER_NAME], 'pgvector');
    assert.equal(span.attributes[ATTR_GEN_AI_REQUEST_TOP_K], 2);
    assert.deepEqual(span.attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], ['doc-7', 'doc-2']);
    assert.deepEqual(span.attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES], [0.91, 0.74]);
    assert.equal(span.attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_COUNT], 2);
  });

  it('derives the documents from an asynchronous result with extractDocuments', async () => {
    const result = await retrieve(
      {
        dataSource: 'product-docs',
        extractDocuments: (found: Hit[]) => found.map((hit) => ({ id: hit.key, score: hit.similarity })),
      },
      async () => hits,
    );

    assert.equal(result, hits);
    const span = tracing.span('retrieval product-docs');
    assert.deepEqual(span.attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], ['doc-7', 'doc-2']);
    assert.deepEqual(span.attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES], [0.91, 0.74]);
  });

  it('keeps documents set through the handle over the extractor', () => {
    retrieve(
      {
        dataSource: 'product-docs',
        extractDocuments: (found: Hit[]) => found.map((hit) => ({ id: hit.key })),
      },
      (span) => {
        span.setDocuments([{ id: 'explicit' }]);
        return hits;
      },
    );

    assert.deepEqual(
      tracing.span('retrieval product-docs').attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS],
      ['explicit'],
    );
  });

  it('records ids but no scores when some documents have no score, so the arrays stay parallel', () => {
    retrieve({ dataSource: 'product-docs' }, (span) => {
      span.setDocuments([{ id: 'a', score: 0.5 }, { id: 'b' }]);
    });

    const span = tracing.span('retrieval product-docs');
    assert.deepEqual(span.attributes[ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_IDS], ['a', 'b']);
    assert.equal(ATTR_RAGTRACE_RETRIEVAL_DOCUMENT_SCORES in span.attributes, false);
  });
});
