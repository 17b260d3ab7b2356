import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_RAGTRACE_RERANK_INPUT_COUNT,
  ATTR_RAGTRACE_RERANK_INPUT_IDS,
  ATTR_RAGTRACE_RERANK_OUTPUT_IDS,
  ATTR_RAGTRACE_RERANK_OUTPUT_SCORES,
  ATTR_RAGTRACE_STAGE,
} from '@ragtrace/semconv';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { MemoryTracing } from '../testing/memory-tracing.js';
import { setupMemoryTracing } from '../testing/memory-tracing.js';
import { rerank } from './rerank.js';

interface Ranked {
  index: number;
  relevance: number;
}

const candidates = [{ id: 'doc-1' }, { id: 'doc-2' }, { id: 'doc-3' }];

describe('rerank', () => {
  let tracing: MemoryTracing;
  before(() => {
    tracing = setupMemoryTracing();
  });
  afterEach(() => tracing.reset());
  after(() => tracing.shutdown());

  it('records candidates in and reordered documents out', async () => {
    await rerank(
      { model: 'rerank-v3.5', provider: 'cohere', topN: 2, documents: candidates },
      async (span) => {
        span.setDocuments([
          { id: 'doc-3', score: 0.8 },
          { id: 'doc-1', score: 0.4 },
        ]);
      },
    );

    const span = tracing.span('rerank rerank-v3.5');
    assert.equal(span.kind, SpanKind.CLIENT);
    assert.equal(span.attributes[ATTR_GEN_AI_OPERATION_NAME], 'rerank');
    assert.equal(span.attributes[ATTR_RAGTRACE_STAGE], 'rerank');
    assert.equal(span.attributes[ATTR_GEN_AI_PROVIDER_NAME], 'cohere');
    assert.equal(span.attributes[ATTR_GEN_AI_REQUEST_MODEL], 'rerank-v3.5');
    assert.equal(span.attributes[ATTR_GEN_AI_REQUEST_TOP_K], 2);
    assert.equal(span.attributes[ATTR_RAGTRACE_RERANK_INPUT_COUNT], 3);
    assert.deepEqual(span.attributes[ATTR_RAGTRACE_RERANK_INPUT_IDS], ['doc-1', 'doc-2', 'doc-3']);
    assert.deepEqual(span.attributes[ATTR_RAGTRACE_RERANK_OUTPUT_IDS], ['doc-3', 'doc-1']);
    assert.deepEqual(span.attributes[ATTR_RAGTRACE_RERANK_OUTPUT_SCORES], [0.8, 0.4]);
  });

  it('derives the output from a synchronous result and is named `rerank` without a model', () => {
    const ranked = rerank(
      {
        documents: candidates,
        extractDocuments: (result: Ranked[]) =>
          result.map((entry) => ({ id: candidates[entry.index]!.id, score: entry.relevance })),
      },
      () => [{ index: 1, relevance: 0.9 }],
    );

    assert.deepEqual(ranked, [{ index: 1, relevance: 0.9 }]);
    const span = tracing.span('rerank');
    assert.equal(ATTR_GEN_AI_REQUEST_MODEL in span.attributes, false);
    assert.deepEqual(span.attributes[ATTR_RAGTRACE_RERANK_OUTPUT_IDS], ['doc-2']);
    assert.deepEqual(span.attributes[ATTR_RAGTRACE_RERANK_OUTPUT_SCORES], [0.9]);
  });

  it('records a rejection as an error', async () => {
    const failure = new Error('reranker down');

    await assert.rejects(
      rerank({ model: 'rerank-v3.5' }, () => Promise.reject(failure)),
      (error) => error === failure,
    );

    const span = tracing.span('rerank rerank-v3.5');
    assert.equal(span.status.code, SpanStatusCode.ERROR);
    assert.equal(span.attributes[ATTR_ERROR_TYPE], 'Error');
  });
});
