import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mlflowRequest } from './test-support/fixtures/mlflow-fixture.js';
import {
  assertAttributes,
  assertOriginalsKept,
  normalizeRequest,
  spanNamed,
} from './test-support/normalize-request.js';

describe('MLflow Tracing spans normalize to the canonical keys', () => {
  const spans = normalizeRequest(mlflowRequest);

  it('maps a chat model span: JSON-encoded type, usage, cost, model, request and response', () => {
    const span = spanNamed(spans, 'Completions');
    assertAttributes(span, {
      'ragtrace.stage': 'generate',
      'ragtrace.source.convention': 'mlflow',
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.request.temperature': '0.1',
      'gen_ai.request.max_tokens': '300',
      'gen_ai.response.id': 'chatcmpl-Ml1',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.response.finish_reasons': '["stop"]',
      'gen_ai.usage.input_tokens': '120',
      'gen_ai.usage.output_tokens': '30',
      'gen_ai.usage.cache_read.input_tokens': '64',
      'ragtrace.usage.cost_usd': '0.000036',
    });
    assert.deepEqual(JSON.parse(span.attributes['gen_ai.output.messages']!), [
      {
        role: 'assistant',
        parts: [{ type: 'text', content: 'Open Settings → API keys.' }],
        finish_reason: 'stop',
      },
    ]);
    assert.equal(JSON.parse(span.attributes['gen_ai.input.messages']!).length, 2);
  });

  it('maps retriever documents, tools and chains', () => {
    assertAttributes(spanNamed(spans, 'retrieve_docs'), {
      'ragtrace.stage': 'retrieve',
      'gen_ai.operation.name': 'retrieval',
      'gen_ai.retrieval.query.text': 'How do I rotate an API key?',
      'ragtrace.retrieval.document_count': '2',
      'ragtrace.retrieval.document_ids': '["kb-112","kb-007"]',
      'ragtrace.retrieval.document_scores': undefined,
    });
    assertAttributes(spanNamed(spans, 'open_ticket'), {
      'ragtrace.stage': 'tool',
      'gen_ai.tool.name': 'open_ticket',
      'gen_ai.tool.call.arguments': '{"topic":"api-keys"}',
      'gen_ai.tool.call.result': '{"ticket":"T-1001"}',
    });
    assertAttributes(spanNamed(spans, 'answer'), {
      'ragtrace.stage': 'workflow',
      'gen_ai.operation.name': 'invoke_workflow',
      'ragtrace.input': '{"question":"How do I rotate an API key?"}',
      'ragtrace.output': 'Open Settings → API keys.',
      'session.id': 'sess-mlf',
    });
  });

  it('counts a span type without a RAG stage as unmapped', () => {
    const parser = spanNamed(spans, 'parse_answer');
    assert.deepEqual(parser.outcome, { convention: 'mlflow', mapped: false });
    assert.equal(parser.attributes['ragtrace.stage'], 'other');
  });

  it('keeps every original attribute as sent', () => {
    assertOriginalsKept(spans);
  });
});
