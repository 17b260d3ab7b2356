import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openLlmetryRequest } from './test-support/fixtures/openllmetry-fixture.js';
import {
  assertAttributes,
  assertOriginalsKept,
  normalizeRequest,
  spanNamed,
} from './test-support/normalize-request.js';

describe('OpenLLMetry / Traceloop spans normalize to the canonical keys', () => {
  const spans = normalizeRequest(openLlmetryRequest);

  it('maps a chat call: GenAI keys of the time, indexed prompt and completion, cache usage', () => {
    const span = spanNamed(spans, 'openai.chat');
    assertAttributes(span, {
      'ragtrace.stage': 'generate',
      'ragtrace.source.convention': 'openllmetry',
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.usage.input_tokens': '412',
      'gen_ai.usage.output_tokens': '57',
      'gen_ai.usage.cache_read.input_tokens': '256',
      'gen_ai.response.finish_reasons': '["stop"]',
      'gen_ai.request.frequency_penalty': '0',
      'gen_ai.prompt.name': 'rag-answer',
      'ragtrace.prompt.version': '3',
      'ragtrace.workflow.name': 'answer_question',
      'session.id': 'sess-9',
      'user.id': 'user-3',
    });
    assert.deepEqual(JSON.parse(span.attributes['gen_ai.input.messages']!), [
      { role: 'system', parts: [{ type: 'text', content: 'Answer from the context only.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'How do I rotate an API key?' }] },
    ]);
    assert.deepEqual(JSON.parse(span.attributes['gen_ai.output.messages']!), [
      {
        role: 'assistant',
        parts: [{ type: 'text', content: 'Open Settings → API keys.' }],
        finish_reason: 'stop',
      },
    ]);
  });

  it('maps embedding and rerank request types, and vector queries with their result events', () => {
    assertAttributes(spanNamed(spans, 'openai.embeddings'), {
      'ragtrace.stage': 'embed',
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.provider.name': 'openai',
      'gen_ai.usage.input_tokens': '8',
    });
    assertAttributes(spanNamed(spans, 'cohere.rerank'), {
      'ragtrace.stage': 'rerank',
      'gen_ai.operation.name': 'rerank',
      'gen_ai.provider.name': 'cohere',
    });
    assertAttributes(spanNamed(spans, 'pinecone.query'), {
      'ragtrace.stage': 'retrieve',
      'gen_ai.operation.name': 'retrieval',
      'gen_ai.request.top_k': '3',
      'gen_ai.data_source.id': 'support-kb',
      'ragtrace.retrieval.document_count': '3',
      'ragtrace.retrieval.document_ids': '["kb-112","kb-007","kb-301"]',
      'ragtrace.retrieval.document_scores': '[0.82,0.71,0.4]',
    });
  });

  it('maps decorated workflows, tasks, tools and agents from traceloop.span.kind', () => {
    assertAttributes(spanNamed(spans, 'answer_question.workflow'), {
      'ragtrace.stage': 'workflow',
      'gen_ai.operation.name': 'invoke_workflow',
      'ragtrace.workflow.name': 'answer_question',
      'ragtrace.input': '{"args": ["How do I rotate an API key?"], "kwargs": {}}',
      'ragtrace.output': '"Open Settings → API keys."',
    });
    assertAttributes(spanNamed(spans, 'build_context.task'), {
      'ragtrace.stage': 'workflow',
      'gen_ai.operation.name': undefined,
      'ragtrace.workflow.name': 'build_context',
    });
    assertAttributes(spanNamed(spans, 'open_ticket.tool'), {
      'ragtrace.stage': 'tool',
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'open_ticket',
      'gen_ai.tool.call.arguments': '{"args": [], "kwargs": {"topic": "api-keys"}}',
      'gen_ai.tool.call.result': '{"ticket": "T-1001"}',
    });
    assertAttributes(spanNamed(spans, 'triage.agent'), {
      'ragtrace.stage': 'agent',
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'triage',
    });
  });

  it('counts an unknown span kind as recognised but unmapped', () => {
    const span = spanNamed(spans, 'mystery.unknown');
    assert.deepEqual(span.outcome, { convention: 'openllmetry', mapped: false });
    assert.equal(span.attributes['ragtrace.stage'], 'other');
  });

  it('keeps every original attribute as sent', () => {
    assertOriginalsKept(spans);
  });
});
