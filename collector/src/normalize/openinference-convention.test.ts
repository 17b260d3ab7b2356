import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openInferenceRequest } from './test-support/fixtures/openinference-fixture.js';
import {
  assertAttributes,
  assertOriginalsKept,
  normalizeRequest,
  spanNamed,
} from './test-support/normalize-request.js';

describe('OpenInference spans normalize to the canonical keys', () => {
  const spans = normalizeRequest(openInferenceRequest);

  it('maps an LLM span: operation, provider, models, parameters, tokens, cost, prompt, messages', () => {
    const span = spanNamed(spans, 'ChatCompletion');
    assertAttributes(span, {
      'ragtrace.stage': 'generate',
      'ragtrace.source.convention': 'openinference',
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.request.temperature': '0.2',
      'gen_ai.request.max_tokens': '512',
      'gen_ai.request.top_p': '0.9',
      'gen_ai.usage.input_tokens': '412',
      'gen_ai.usage.output_tokens': '57',
      'gen_ai.usage.cache_read.input_tokens': '256',
      'gen_ai.usage.reasoning.output_tokens': '0',
      'ragtrace.usage.cost_usd': '0.0000962',
      'ragtrace.prompt.version': 'v3',
      'gen_ai.prompt.name': 'rag-answer',
    });
    assert.deepEqual(JSON.parse(span.attributes['gen_ai.input.messages']!), [
      { role: 'system', parts: [{ type: 'text', content: 'Answer from the context only.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'How do I rotate an API key?' }] },
    ]);
    assert.deepEqual(JSON.parse(span.attributes['gen_ai.output.messages']!), [
      {
        role: 'assistant',
        parts: [
          { type: 'text', content: 'Open Settings → API keys, create a new key, then revoke the old one.' },
          { type: 'tool_call', id: 'call_9', name: 'open_ticket', arguments: { topic: 'api-keys' } },
        ],
      },
    ]);
  });

  it('maps retrieval documents to the count, ids and scores, and the input to the query', () => {
    assertAttributes(spanNamed(spans, 'VectorIndexRetriever.retrieve'), {
      'ragtrace.stage': 'retrieve',
      'gen_ai.operation.name': 'retrieval',
      'gen_ai.retrieval.query.text': 'How do I rotate an API key?',
      'ragtrace.retrieval.document_count': '3',
      'ragtrace.retrieval.document_ids': '["kb-112","kb-007","kb-301"]',
      'ragtrace.retrieval.document_scores': '[0.82,0.71,0.4]',
    });
  });

  it('maps embeddings, reranking, tools, agents and chains to their stages', () => {
    assertAttributes(spanNamed(spans, 'OpenAIEmbedding._get_query_embedding'), {
      'ragtrace.stage': 'embed',
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.request.model': 'text-embedding-3-small',
      'gen_ai.usage.input_tokens': '8',
      'ragtrace.embeddings.input_count': '1',
    });
    assertAttributes(spanNamed(spans, 'CohereRerank.postprocess_nodes'), {
      'ragtrace.stage': 'rerank',
      'gen_ai.operation.name': 'rerank',
      'gen_ai.request.model': 'rerank-english-v3.0',
      'gen_ai.request.top_k': '2',
      'ragtrace.rerank.input_count': '3',
      'ragtrace.rerank.input_ids': '["kb-112","kb-007","kb-301"]',
      'ragtrace.rerank.output_ids': '["kb-112","kb-007"]',
      'ragtrace.rerank.output_scores': '[0.97,0.64]',
    });
    assertAttributes(spanNamed(spans, 'open_ticket'), {
      'ragtrace.stage': 'tool',
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'open_ticket',
      'gen_ai.tool.call.id': 'call_9',
      'gen_ai.tool.call.arguments': '{"topic": "api-keys"}',
      'gen_ai.tool.call.result': '{"ticket": "T-1001"}',
    });
    assertAttributes(spanNamed(spans, 'support_agent'), {
      'ragtrace.stage': 'agent',
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'support_agent',
    });
    assertAttributes(spanNamed(spans, 'query'), {
      'ragtrace.stage': 'workflow',
      'gen_ai.operation.name': 'invoke_workflow',
      'ragtrace.input': 'How do I rotate an API key?',
      'session.id': 'sess-42',
      'user.id': 'user-7',
    });
  });

  it('counts every recognised kind as mapped except those without a RAG stage', () => {
    const guard = spanNamed(spans, 'toxicity_guard');
    assert.deepEqual(guard.outcome, { convention: 'openinference', mapped: false });
    assert.equal(guard.attributes['ragtrace.stage'], 'other');
    assert.equal(guard.attributes['gen_ai.operation.name'], undefined);
    const mapped = [...spans.values()].filter((span) => span.outcome.mapped).length;
    assert.equal(mapped, spans.size - 1);
  });

  it('keeps every original attribute as sent', () => {
    assertOriginalsKept(spans);
  });
});
